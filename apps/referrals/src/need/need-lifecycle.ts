import type { NeedStatus } from '@careloop/contracts';

/**
 * The need lifecycle. A need is never final: a resolved need reopens when the problem recurs (a
 * healed leg ulcer breaks down again), and a referral that went nowhere returns the need to `open`.
 */
const NEXT: Record<NeedStatus, readonly NeedStatus[]> = {
  open: ['referred', 'being_treated', 'resolved'],
  referred: ['being_treated', 'resolved', 'open'],
  being_treated: ['resolved', 'open'],
  resolved: ['open'],
};

export type NeedTransition =
  | { ok: true; from: NeedStatus; to: NeedStatus }
  | { ok: false; reason: 'UNCHANGED' | 'ILLEGAL_TRANSITION'; message: string };

const words = (status: NeedStatus) => status.replace(/_/g, ' ');

/** Decides whether a need may move from one status to another. Pure: no I/O, no clock. */
export function changeNeedStatus(from: NeedStatus, to: NeedStatus): NeedTransition {
  if (from === to) {
    return { ok: false, reason: 'UNCHANGED', message: `The need is already ${words(from)}` };
  }
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from].map((s) => `"${s}"`).join(', ');
    return {
      ok: false,
      reason: 'ILLEGAL_TRANSITION',
      message: `A ${words(from)} need cannot become ${words(to)}; it can become ${allowed}`,
    };
  }
  return { ok: true, from, to };
}

/** The statuses a need may move to next, for the UI to offer. */
export function nextNeedStatuses(from: NeedStatus): readonly NeedStatus[] {
  return NEXT[from];
}
