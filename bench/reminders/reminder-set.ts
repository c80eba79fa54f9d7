import { randomUUID } from 'node:crypto';

export interface Reminder {
  id: string;
  dueAt: Date;
}

/**
 * Reminders made on demand from their index, so a million of them cost no memory: ids are v4-shaped
 * UUIDs (a random 24-character stem per set, the index in the last 12 hex digits), as the send worker
 * expects of a reminder id.
 */
export interface ReminderSet {
  count: number;
  at(index: number): Reminder;
}

function idMaker(): (index: number) => string {
  const stem = randomUUID().slice(0, 24);
  return (index) => `${stem}${index.toString(16).padStart(12, '0')}`;
}

/** `count` reminders due one after another, evenly over `spreadMs` from `fromMs` (epoch ms). */
export function spreadReminders(count: number, fromMs: number, spreadMs: number): ReminderSet {
  const id = idMaker();
  const step = spreadMs / count;
  return { count, at: (index) => ({ id: id(index), dueAt: new Date(Math.round(fromMs + index * step)) }) };
}

/** `count` reminders all due at the same instant. */
export function burstReminders(count: number, dueAtMs: number): ReminderSet {
  const id = idMaker();
  const dueAt = new Date(dueAtMs);
  return { count, at: (index) => ({ id: id(index), dueAt }) };
}
