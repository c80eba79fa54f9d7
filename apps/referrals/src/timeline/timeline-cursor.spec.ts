import { randomUUID } from 'node:crypto';
import { compareEntries, cursorAfter, mergeTimeline, parseBefore } from './timeline-cursor';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from './timeline-entry';
import { timelineQuery } from './timeline.dto';

const entry = (occurredAt: string, kind: TimelineKind, id: string = randomUUID()): TimelineEntry => ({
  kind,
  id,
  occurredAt: new Date(occurredAt).toISOString(),
  summary: kind,
  refs: {},
});

describe('timeline order', () => {
  it('is newest first, then kind, then id, all descending', () => {
    const a = entry('2026-11-02T10:00:00Z', 'advocacy_action', 'b');
    const b = entry('2026-11-02T10:00:00Z', 'advocacy_action', 'a');
    const c = entry('2026-11-02T10:00:00Z', 'appointment', 'z');
    const d = entry('2026-11-02T11:00:00Z', 'need_recorded', 'a');
    expect([a, b, c, d].sort(compareEntries)).toEqual([d, c, a, b]);
  });
});

describe('the before cursor', () => {
  it('round-trips an entry', () => {
    const e = entry('2026-11-02T10:00:00.123Z', 'referral_status_changed');
    expect(parseBefore(cursorAfter(e))).toEqual({
      at: new Date('2026-11-02T10:00:00.123Z'),
      kind: 'referral_status_changed',
      id: e.id,
    });
    expect(cursorAfter(e)).toMatch(/^[A-Za-z0-9_.:~-]+$/);
  });

  it('takes a plain instant as "strictly earlier than", and refuses anything else', () => {
    expect(parseBefore('2026-11-02T10:00:00+01:00')).toEqual({
      at: new Date('2026-11-02T09:00:00Z'),
      kind: '',
      id: '',
    });
    for (const bad of ['yesterday', '2026-11-02', '2026-13-40T99:00:00Z', 'x~need_recorded~1', '']) {
      expect(parseBefore(bad)).toBeNull();
    }
  });

  it('is validated at the edge, naming the field', () => {
    const parsed = timelineQuery.safeParse({ before: 'soon', limit: '0' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['before', 'limit']);
    expect(timelineQuery.parse({})).toEqual({ limit: 20 });
    expect(timelineQuery.safeParse({ limit: '101' }).success).toBe(false);
  });
});

describe('merging sources into a page', () => {
  /** A client's whole record, spread over every kind, with ties on instants and across kinds. */
  const record: TimelineEntry[] = Array.from({ length: 47 }, (_, i) =>
    entry(
      new Date(Date.UTC(2026, 10, 2, 10, Math.floor(i / 3))).toISOString(),
      TIMELINE_KINDS[i % TIMELINE_KINDS.length]!,
    ),
  );
  const expected = [...record].sort(compareEntries);

  /** What each source would return: its own entries after the cursor, in order, at most `n`. */
  const sources = (before: ReturnType<typeof parseBefore>, n: number) =>
    TIMELINE_KINDS.map((kind) =>
      record
        .filter((e) => e.kind === kind)
        .sort(compareEntries)
        .filter((e) => !before || compareEntries({ occurredAt: before.at.toISOString(), ...before }, e) < 0)
        .slice(0, n),
    );

  it.each([1, 2, 5, 7, 46, 47, 100])('pages of %i cover the record without gaps or repeats', (limit) => {
    const seen: TimelineEntry[] = [];
    let before: ReturnType<typeof parseBefore> = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = mergeTimeline(sources(before, limit + 1), before, limit);
      expect(page.entries.length).toBeLessThanOrEqual(limit);
      seen.push(...page.entries);
      if (!page.nextBefore) break;
      before = parseBefore(page.nextBefore);
    }
    expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
  });

  it('drops anything a source returns at or before the cursor, and says when the record ends', () => {
    const [first, second] = expected;
    const before = parseBefore(cursorAfter(first!));
    const page = mergeTimeline([[first!, second!]], before, 5);
    expect(page).toEqual({ entries: [second], nextBefore: null });
  });
});
