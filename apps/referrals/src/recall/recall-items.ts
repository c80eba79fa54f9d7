import type { DirectoryClient } from '../need/client-directory';
import type { CheckPolicy } from './check-type';
import { londonToday, recallDue, type LondonDate } from './recall-due';
import type { RecallItemView } from './recall.dto';

export interface RecallFacts {
  /** Latest done date per `clientId:checkType`. */
  lastDone: ReadonlyMap<string, LondonDate>;
  /** Since when a check never done is overdue: registration, else the earliest check or need. */
  firstSeen: ReadonlyMap<string, LondonDate>;
}

/** Registration, when the client directory knows it, is when a never-done check became overdue. */
export function withRegistration(facts: RecallFacts, clients: readonly DirectoryClient[]): RecallFacts {
  const firstSeen = new Map(facts.firstSeen);
  for (const c of clients) if (c.registeredAt) firstSeen.set(c.id, londonToday(c.registeredAt));
  return { ...facts, firstSeen };
}

export const factKey = (clientId: string, checkType: string) => `${clientId}:${checkType}`;

/**
 * Every applicable check for every client, with where it stands today. Pure. Ordered most urgent
 * first: never done, then by due date, then client and check, so pages are stable.
 */
export function recallItems(
  clientIds: readonly string[],
  policy: readonly CheckPolicy[],
  facts: RecallFacts,
  today: LondonDate,
  dueSoonDays: number,
): RecallItemView[] {
  const applicable = policy.filter((p) => p.applies);
  const items = clientIds.flatMap((clientId) =>
    applicable.map((p): RecallItemView => {
      const lastDoneOn = facts.lastDone.get(factKey(clientId, p.checkType)) ?? null;
      const due = recallDue({
        lastDoneOn,
        intervalMonths: p.intervalMonths,
        today,
        dueSoonDays,
        since: facts.firstSeen.get(clientId) ?? null,
      });
      return { clientId, checkType: p.checkType, lastDoneOn, ...due };
    }),
  );
  return items.sort(byUrgency);
}

function byUrgency(a: RecallItemView, b: RecallItemView): number {
  const never = Number(b.lastDoneOn === null) - Number(a.lastDoneOn === null);
  if (never !== 0) return never;
  const due = (a.dueOn ?? '').localeCompare(b.dueOn ?? '');
  if (due !== 0) return due;
  return a.clientId.localeCompare(b.clientId) || a.checkType.localeCompare(b.checkType);
}
