import type { ActionSource, ReferralAction, ReferralActionType } from './referral-action';
import { nextStatus, staffActionsFrom } from './referral-lifecycle';
import { REFERRAL_STATUSES, type ReferralStatus } from './referral-status';

const ACTIONS: Record<ReferralActionType, ReferralAction> = {
  send: { type: 'send' },
  'record-acceptance': { type: 'record-acceptance' },
  'record-rejection': { type: 'record-rejection', reason: 'Not accepting new patients outside catchment' },
  resend: { type: 'resend' },
  'appointment-booked': { type: 'appointment-booked', appointmentId: 'a1', startsAt: '2026-12-01T10:30:00Z' },
  'appointment-cancelled': { type: 'appointment-cancelled', appointmentId: 'a1', reason: 'clinic cancelled' },
  attended: { type: 'attended', appointmentId: 'a1' },
  'did-not-attend': { type: 'did-not-attend', appointmentId: 'a1' },
  'outcome-overdue': { type: 'outcome-overdue', appointmentId: 'a1' },
  complete: { type: 'complete', outcome: 'Spirometry done; inhalers started' },
  close: { type: 'close', outcome: 'client_declined', reason: 'Does not want a GP referral for now' },
};

// The lifecycle as the service promises it, written out in full: every other combination is refused.
// "S" = staff only, "E" = events only, "SE" = either.
const LEGAL: [ReferralStatus, ReferralActionType, ReferralStatus, 'S' | 'E' | 'SE'][] = [
  ['draft', 'send', 'sent', 'S'],
  ['draft', 'close', 'closed', 'S'],
  ['sent', 'record-acceptance', 'accepted', 'S'],
  ['sent', 'record-rejection', 'rejected', 'S'],
  ['sent', 'appointment-booked', 'booked', 'SE'],
  ['sent', 'close', 'closed', 'S'],
  ['accepted', 'record-rejection', 'rejected', 'S'],
  ['accepted', 'appointment-booked', 'booked', 'SE'],
  ['accepted', 'close', 'closed', 'S'],
  ['rejected', 'resend', 'sent', 'S'],
  ['rejected', 'close', 'closed', 'S'],
  ['booked', 'appointment-booked', 'booked', 'SE'],
  ['booked', 'appointment-cancelled', 'accepted', 'SE'],
  ['booked', 'attended', 'attended', 'SE'],
  ['booked', 'did-not-attend', 'did_not_attend', 'SE'],
  ['booked', 'outcome-overdue', 'outcome_unknown', 'E'],
  ['booked', 'close', 'closed', 'S'],
  ['attended', 'appointment-booked', 'booked', 'SE'],
  ['attended', 'complete', 'completed', 'S'],
  ['attended', 'close', 'closed', 'S'],
  ['did_not_attend', 'appointment-booked', 'booked', 'SE'],
  ['did_not_attend', 'attended', 'attended', 'SE'],
  ['did_not_attend', 'close', 'closed', 'S'],
  ['outcome_unknown', 'appointment-booked', 'booked', 'SE'],
  ['outcome_unknown', 'attended', 'attended', 'SE'],
  ['outcome_unknown', 'did-not-attend', 'did_not_attend', 'SE'],
  ['outcome_unknown', 'close', 'closed', 'S'],
];

const SOURCES: ActionSource[] = ['staff', 'event'];
const allows = (who: 'S' | 'E' | 'SE', source: ActionSource) => who.includes(source === 'staff' ? 'S' : 'E');

describe('the referral lifecycle', () => {
  const cases = REFERRAL_STATUSES.flatMap((from) =>
    (Object.keys(ACTIONS) as ReferralActionType[]).flatMap((action) =>
      SOURCES.map((source) => ({ from, action, source })),
    ),
  );

  it.each(cases)('$from --$action--> by $source', ({ from, action, source }) => {
    const legal = LEGAL.find(([f, a]) => f === from && a === action);
    const result = nextStatus(from, ACTIONS[action], source);
    if (legal && allows(legal[3], source)) {
      expect(result).toEqual({ ok: true, to: legal[2] });
    } else {
      expect(result.ok).toBe(false);
    }
  });

  it('never ends a referral because the client missed an appointment', () => {
    const afterMiss = nextStatus('booked', ACTIONS['did-not-attend'], 'event');
    expect(afterMiss).toEqual({ ok: true, to: 'did_not_attend' });
    expect(nextStatus('did_not_attend', ACTIONS['appointment-booked'], 'event')).toEqual({
      ok: true,
      to: 'booked',
    });
    for (const status of REFERRAL_STATUSES) {
      for (const type of ['close', 'complete'] as const) {
        expect(nextStatus(status, ACTIONS[type], 'event')).toMatchObject({
          ok: false,
          reason: 'NOT_ALLOWED_FOR_SOURCE',
        });
      }
    }
  });

  it('keeps completed and closed referrals final', () => {
    for (const status of ['completed', 'closed'] as const) {
      for (const action of Object.values(ACTIONS)) {
        expect(nextStatus(status, action, 'staff').ok).toBe(false);
      }
    }
  });

  it('explains a refusal in words a worker understands', () => {
    expect(nextStatus('completed', ACTIONS.send, 'staff')).toEqual({
      ok: false,
      reason: 'ILLEGAL_TRANSITION',
      message: 'A completed referral cannot be moved by "send"',
    });
  });

  it('offers staff only the actions they may take', () => {
    expect(staffActionsFrom('booked').sort()).toEqual(
      ['appointment-booked', 'appointment-cancelled', 'attended', 'close', 'did-not-attend'].sort(),
    );
    expect(staffActionsFrom('closed')).toEqual([]);
  });
});
