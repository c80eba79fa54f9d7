import { NEED_STATUSES, type NeedStatus } from '@careloop/contracts';
import { changeNeedStatus, nextNeedStatuses } from './need-lifecycle';

// The lifecycle as promised, written out in full: every other pair is refused.
const LEGAL: [NeedStatus, NeedStatus][] = [
  ['open', 'referred'],
  ['open', 'being_treated'],
  ['open', 'resolved'],
  ['referred', 'being_treated'],
  ['referred', 'resolved'],
  ['referred', 'open'],
  ['being_treated', 'resolved'],
  ['being_treated', 'open'],
  ['resolved', 'open'],
];

describe('the need lifecycle', () => {
  const pairs = NEED_STATUSES.flatMap((from) => NEED_STATUSES.map((to) => ({ from, to })));

  it.each(pairs)('$from -> $to', ({ from, to }) => {
    const legal = LEGAL.some(([f, t]) => f === from && t === to);
    const result = changeNeedStatus(from, to);
    if (legal) expect(result).toEqual({ ok: true, from, to });
    else
      expect(result).toMatchObject({ ok: false, reason: from === to ? 'UNCHANGED' : 'ILLEGAL_TRANSITION' });
  });

  it('covers all 16 pairs, 9 of them legal', () => {
    expect(pairs).toHaveLength(16);
    expect(pairs.filter(({ from, to }) => changeNeedStatus(from, to).ok)).toHaveLength(LEGAL.length);
  });

  it('lets a resolved need reopen when it recurs, and only that', () => {
    expect(nextNeedStatuses('resolved')).toEqual(['open']);
  });

  it('explains a refusal in words a worker understands', () => {
    expect(changeNeedStatus('resolved', 'being_treated')).toEqual({
      ok: false,
      reason: 'ILLEGAL_TRANSITION',
      message: 'A resolved need cannot become being treated; it can become "open"',
    });
    expect(changeNeedStatus('open', 'open')).toEqual({
      ok: false,
      reason: 'UNCHANGED',
      message: 'The need is already open',
    });
  });

  it('offers the statuses each one may move to', () => {
    expect(nextNeedStatuses('open')).toEqual(['referred', 'being_treated', 'resolved']);
    expect(nextNeedStatuses('being_treated')).toEqual(['resolved', 'open']);
  });
});
