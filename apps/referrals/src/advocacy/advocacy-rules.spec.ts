import { randomUUID } from 'node:crypto';
import { recordAdvocacyActionBody } from './advocacy.dto';
import { resolveOccurredAt } from './advocacy-rules';

const now = new Date('2026-11-02T10:00:00.000Z');

describe('advocacy action body', () => {
  const issues = (body: unknown) => {
    const parsed = recordAdvocacyActionBody.safeParse(body);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts every type other than accompanied without accompaniedBy', () => {
    for (const type of ['phoned_surgery', 'read_letter', 'chased_provider', 'other']) {
      expect(issues({ type, outcome: 'Booked for Tuesday' })).toEqual([]);
    }
  });

  it('requires accompaniedBy for accompanied, and refuses it for anything else', () => {
    expect(issues({ type: 'accompanied', outcome: 'Went to clinic' })).toEqual([
      'accompaniedBy: is required when type is accompanied: peer_supporter or worker',
    ]);
    expect(issues({ type: 'accompanied', accompaniedBy: 'peer_supporter', outcome: 'Went' })).toEqual([]);
    expect(issues({ type: 'accompanied', accompaniedBy: 'worker', outcome: 'Went' })).toEqual([]);
    expect(issues({ type: 'phoned_surgery', accompaniedBy: 'worker', outcome: 'Rang' })).toEqual([
      'accompaniedBy: is only for type accompanied',
    ]);
    expect(issues({ type: 'accompanied', accompaniedBy: 'friend', outcome: 'Went' })).toHaveLength(1);
    // Reported together with the other fields' problems, not only once they are fixed.
    expect(issues({ type: 'accompanied', outcome: '' }).map((i) => i.split(':')[0])).toEqual([
      'outcome',
      'accompaniedBy',
    ]);
  });

  it('requires an outcome of 1 to 1000 characters', () => {
    expect(issues({ type: 'other' })).toHaveLength(1);
    expect(issues({ type: 'other', outcome: '   ' })[0]).toMatch(/^outcome: /);
    expect(issues({ type: 'other', outcome: 'x'.repeat(1000) })).toEqual([]);
    expect(issues({ type: 'other', outcome: 'x'.repeat(1001) })[0]).toMatch(/^outcome: /);
  });

  it('names each bad field: unknown type, bad instant, bad referral id, unknown keys', () => {
    const paths = issues({
      type: 'sent_pigeon',
      outcome: 'ok',
      occurredAt: 'yesterday',
      referralId: 'r-1',
      note: 'x',
    }).map((i) => i.split(':')[0]);
    expect(paths.sort()).toEqual(['', 'occurredAt', 'referralId', 'type']);
    expect(issues({ type: 'other', outcome: 'ok', referralId: randomUUID() })).toEqual([]);
  });
});

describe('when an advocacy action happened', () => {
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const day = 24 * 60 * 60_000;

  it('is now when not given', () => {
    expect(resolveOccurredAt(undefined, now)).toEqual({ at: now });
  });

  it('may be back-dated by up to 30 days, not more', () => {
    expect(resolveOccurredAt(at(-3 * day), now)).toEqual({ at: new Date(at(-3 * day)) });
    expect(resolveOccurredAt(at(-30 * day), now)).toEqual({ at: new Date(at(-30 * day)) });
    expect(resolveOccurredAt(at(-30 * day - 1), now)).toEqual({ problem: 'TOO_LONG_AGO' });
  });

  it('takes up to two minutes ahead as clock skew (stored as now), and refuses anything later', () => {
    expect(resolveOccurredAt(at(90_000), now)).toEqual({ at: now });
    expect(resolveOccurredAt(at(120_000), now)).toEqual({ at: now });
    expect(resolveOccurredAt(at(120_001), now)).toEqual({ problem: 'IN_FUTURE' });
  });

  it('reads offsets', () => {
    expect(resolveOccurredAt('2026-11-02T09:30:00+01:00', now)).toEqual({
      at: new Date('2026-11-02T08:30:00Z'),
    });
  });
});
