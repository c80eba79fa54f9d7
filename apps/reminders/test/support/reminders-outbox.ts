import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@careloop/contracts';
import { eventsInServiceOutbox } from '@careloop/testing';
import { REMINDERS_SCHEMA } from '../../src/reminders-schema';

/** The events reminders wrote for a subject (a client), oldest first. */
export function eventsAbout(
  ds: DataSource,
  subjectId: string,
): Promise<EventEnvelope<Record<string, unknown>>[]> {
  return eventsInServiceOutbox(ds, REMINDERS_SCHEMA, { key: subjectId });
}
