import type { ReminderAppointment } from '../appointment/reminder-appointment.entity';
import type { ReminderClient } from '../client/reminder-client.entity';
import type { Reminder } from '../plan/reminder.entity';
import type { PlanStep, ReminderWithContext } from '../plan/reminder-plans';
import { DEFAULT_REMINDERS_POLICY } from '../reminders-policy';
import { decideSend } from './send-decision';

const QUIET = DEFAULT_REMINDERS_POLICY.quietHours;
const SAM_MOBILE = '+447700900123';

/** Sam's evening-before reminder for Tuesday 10 November 2026 14:30 GMT, everything in order. */
function loaded(
  changes: {
    reminder?: Partial<Reminder>;
    appointment?: Partial<ReminderAppointment>;
    client?: Partial<ReminderClient> | null;
    laterSteps?: PlanStep[];
  } = {},
): ReminderWithContext {
  const reminder = {
    id: '3f0b8c52-3f61-4c54-9d0e-8d7c1c1f9a01',
    appointmentId: '9a7c2b1e-5d4f-4e3a-8b2c-1d0e9f8a7b6c',
    clientId: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
    orgId: 'org-riverside-cdas',
    step: 'evening_before',
    appointmentVersion: 2,
    dueAt: new Date('2026-11-09T18:00:00Z'),
    status: 'scheduled',
    statusReason: null,
    createdAt: new Date('2026-11-02T10:15:00Z'),
    updatedAt: new Date('2026-11-02T10:15:00Z'),
    ...changes.reminder,
  } as Reminder;
  const appointment = {
    appointmentId: reminder.appointmentId,
    orgId: reminder.orgId,
    clientId: reminder.clientId,
    status: 'booked',
    startsAt: new Date('2026-11-10T14:30:00Z'),
    location: 'Hillside Surgery, 4 Mill Lane',
    providerOrgId: 'org-hillside-surgery',
    providerName: 'Hillside Surgery',
    serviceType: 'gp_review',
    version: 2,
    sessionCancelledAt: null,
    offerId: null,
    offerExpiresAt: null,
    lastEventAt: new Date('2026-11-02T10:15:00Z'),
    ...changes.appointment,
  } as ReminderAppointment;
  const client =
    changes.client === null
      ? null
      : ({
          clientId: reminder.clientId,
          orgId: reminder.orgId,
          version: 1,
          givenName: 'Sam',
          preferredName: null,
          keyworkerId: 'alex.morgan',
          mobile: SAM_MOBILE,
          mobileSafeToText: true,
          smsConsent: true,
          nameServiceConsent: false,
          optedOutAt: null,
          updatedAt: new Date('2026-11-02T10:00:00Z'),
          ...changes.client,
        } as ReminderClient);
  // The step after the evening before, two hours before the appointment.
  const laterSteps = changes.laterSteps ?? [
    { step: 'two_hours_before', dueAt: new Date('2026-11-10T12:30:00Z'), status: 'scheduled' },
  ];
  return { reminder, appointment, client, laterSteps };
}

const at = (iso: string) => new Date(iso);
const EVENING_BEFORE = at('2026-11-09T18:00:00Z');

describe('decideSend', () => {
  it("sends a reminder that is due, to the client's own mobile, when every check holds", () => {
    expect(decideSend(loaded(), EVENING_BEFORE, QUIET)).toMatchObject({ kind: 'send', to: SAM_MOBILE });
  });

  it.each([
    [
      'the appointment was cancelled',
      { appointment: { status: 'cancelled' as const } },
      'appointment_not_booked',
    ],
    [
      'the appointment was attended',
      { appointment: { status: 'attended' as const } },
      'appointment_not_booked',
    ],
    [
      'the in-reach session was cancelled and the appointment awaits a rebook',
      { appointment: { sessionCancelledAt: at('2026-11-05T09:00:00Z') } },
      'appointment_session_cancelled',
    ],
    ['the appointment changed after the plan', { appointment: { version: 3 } }, 'appointment_changed'],
    ['the client is not registered here yet', { client: null }, 'client_unknown'],
    ['the client has not consented to texts', { client: { smsConsent: false } }, 'no_sms_consent'],
    ['the client has no own mobile', { client: { mobile: null } }, 'no_mobile'],
    ['the mobile is not safe to text', { client: { mobileSafeToText: false } }, 'mobile_not_safe_to_text'],
    [
      'the client opted out at the carrier',
      { client: { optedOutAt: at('2026-11-05T09:00:00Z') } },
      'opted_out',
    ],
  ])('skips when %s', (_case, changes, reason) => {
    expect(decideSend(loaded(changes), EVENING_BEFORE, QUIET)).toEqual({ kind: 'skip', reason });
  });

  it('skips a reminder whose appointment has started, whatever else holds', () => {
    const start = at('2026-11-10T14:30:00Z');
    expect(decideSend(loaded(), start, QUIET)).toEqual({ kind: 'skip', reason: 'appointment_started' });
    expect(decideSend(loaded({ client: { smsConsent: false } }), at('2026-11-10T15:00:00Z'), QUIET)).toEqual({
      kind: 'skip',
      reason: 'appointment_started',
    });
  });

  it('a job that ran late into quiet hours waits for their end when that is before the appointment', () => {
    // 22:30 GMT: quiet until 08:00 the next morning, the appointment is at 14:30.
    expect(decideSend(loaded(), at('2026-11-09T22:30:00Z'), QUIET)).toEqual({
      kind: 'defer',
      until: at('2026-11-10T08:00:00Z'),
    });
    // 06:00 BST on Friday 3 April 2026: quiet until 08:00 BST (07:00Z) the same morning.
    const spring = loaded({ appointment: { startsAt: at('2026-04-03T13:00:00Z') } });
    expect(decideSend(spring, at('2026-04-03T05:00:00Z'), QUIET)).toEqual({
      kind: 'defer',
      until: at('2026-04-03T07:00:00Z'),
    });
  });

  it('skips a reminder in quiet hours when they end only at or after the appointment', () => {
    const early = loaded({ appointment: { startsAt: at('2026-11-10T08:00:00Z') } });
    expect(decideSend(early, at('2026-11-09T22:30:00Z'), QUIET)).toEqual({
      kind: 'skip',
      reason: 'quiet_hours',
    });
  });

  it('closes a reminder that will never go rather than deferring it through the night', () => {
    expect(decideSend(loaded({ client: { mobile: null } }), at('2026-11-09T22:30:00Z'), QUIET)).toEqual({
      kind: 'skip',
      reason: 'no_mobile',
    });
  });

  describe('after an outage, with several steps of the plan overdue at once', () => {
    // Tuesday 10 November 12:45 GMT: the evening before and two hours before (12:30) are both overdue.
    const AFTER_OUTAGE = at('2026-11-10T12:45:00Z');
    const twoHoursBefore = (status: PlanStep['status']): PlanStep => ({
      step: 'two_hours_before',
      dueAt: at('2026-11-10T12:30:00Z'),
      status,
    });

    it('skips a step whose later step is due too: only the latest text goes', () => {
      expect(decideSend(loaded(), AFTER_OUTAGE, QUIET)).toEqual({ kind: 'skip', reason: 'later_step_due' });
      // The later step itself has nothing after it, so it goes.
      const latest = loaded({
        reminder: { step: 'two_hours_before', dueAt: at('2026-11-10T12:30:00Z') },
        laterSteps: [],
      });
      expect(decideSend(latest, AFTER_OUTAGE, QUIET)).toMatchObject({ kind: 'send', to: SAM_MOBILE });
    });

    it('skips the confirmation too: the later reminder carries the date and time', () => {
      const confirmation = loaded({
        reminder: { step: 'confirmation', dueAt: at('2026-11-02T10:15:00Z') },
        laterSteps: [
          { step: 'three_days_before', dueAt: at('2026-11-07T10:00:00Z'), status: 'scheduled' },
          { step: 'evening_before', dueAt: at('2026-11-09T18:00:00Z'), status: 'scheduled' },
          twoHoursBefore('scheduled'),
        ],
      });
      expect(decideSend(confirmation, at('2026-11-07T10:30:00Z'), QUIET)).toEqual({
        kind: 'skip',
        reason: 'later_step_due',
      });
    });

    it('skips a step whose later step was already sent: overdue jobs run in any order', () => {
      for (const status of ['sent', 'unknown'] as const) {
        expect(decideSend(loaded({ laterSteps: [twoHoursBefore(status)] }), AFTER_OUTAGE, QUIET)).toEqual({
          kind: 'skip',
          reason: 'later_step_due',
        });
      }
    });

    it('still sends when the later step is not due yet, or will never go', () => {
      expect(decideSend(loaded(), EVENING_BEFORE, QUIET)).toMatchObject({ kind: 'send' });
      for (const status of ['skipped', 'cancelled', 'superseded'] as const) {
        expect(
          decideSend(loaded({ laterSteps: [twoHoursBefore(status)] }), AFTER_OUTAGE, QUIET),
        ).toMatchObject({ kind: 'send' });
      }
    });
  });

  describe("an in-reach offer's text", () => {
    /** Offered at 14:00 on Thursday 5 November for the 10 November appointment, to answer by 14:00 on the 7th. */
    const OFFERED = at('2026-11-05T14:00:00Z');
    const offer = (
      changes: { appointment?: Partial<ReminderAppointment>; client?: Partial<ReminderClient> } = {},
    ) =>
      loaded({
        reminder: { step: 'offer', appointmentVersion: 1, dueAt: OFFERED },
        appointment: {
          status: 'offered',
          version: 1,
          offerId: '0b9f3d1e-2c4a-4e8b-9f6d-7a5c3b1e9d20',
          offerExpiresAt: at('2026-11-07T14:00:00Z'),
          ...changes.appointment,
        },
        client: changes.client,
        laterSteps: [],
      });

    it('goes while the appointment is still an open offer and the offer has not lapsed', () => {
      expect(decideSend(offer(), OFFERED, QUIET)).toMatchObject({ kind: 'send', to: SAM_MOBILE });
    });

    it.each([
      ['the offer was taken and booked', { status: 'booked' as const, version: 2 }, 'offer_not_open'],
      [
        'the hold ended (declined, expired or released)',
        { status: 'offer_ended' as const },
        'offer_not_open',
      ],
    ])('is not sent when %s', (_case, appointment, reason) => {
      expect(decideSend(offer({ appointment }), OFFERED, QUIET)).toEqual({ kind: 'skip', reason });
    });

    it('is not sent once the offer has lapsed, nor at the moment it lapses', () => {
      for (const now of ['2026-11-07T14:00:00Z', '2026-11-08T09:00:00Z']) {
        expect(decideSend(offer(), at(now), QUIET)).toEqual({ kind: 'skip', reason: 'offer_expired' });
      }
    });

    it('waits out quiet hours only when the offer is still open at their end', () => {
      expect(decideSend(offer(), at('2026-11-05T22:00:00Z'), QUIET)).toEqual({
        kind: 'defer',
        until: at('2026-11-06T08:00:00Z'),
      });
      const lapsingAtDawn = offer({ appointment: { offerExpiresAt: at('2026-11-06T07:30:00Z') } });
      expect(decideSend(lapsingAtDawn, at('2026-11-05T22:00:00Z'), QUIET)).toEqual({
        kind: 'skip',
        reason: 'offer_expires_in_quiet_hours',
      });
    });

    it('follows the same client rules as reminders', () => {
      expect(decideSend(offer({ client: { smsConsent: false } }), OFFERED, QUIET)).toEqual({
        kind: 'skip',
        reason: 'no_sms_consent',
      });
      expect(decideSend(offer({ client: { optedOutAt: OFFERED } }), OFFERED, QUIET)).toEqual({
        kind: 'skip',
        reason: 'opted_out',
      });
    });
  });

  describe('"sorry we missed you"', () => {
    /** Sam missed Tuesday 10 November 14:30; the non-attendance was recorded at 15:10. */
    const RECORDED = at('2026-11-10T15:10:00Z');
    const missed = (
      changes: { appointment?: Partial<ReminderAppointment>; client?: Partial<ReminderClient> } = {},
    ) =>
      loaded({
        reminder: { step: 'missed', dueAt: RECORDED },
        appointment: { status: 'missed', ...changes.appointment },
        client: changes.client,
        laterSteps: [],
      });

    it('goes after the start, while the appointment is still recorded as missed', () => {
      expect(decideSend(missed(), RECORDED, QUIET)).toMatchObject({ kind: 'send', to: SAM_MOBILE });
    });

    it.each([
      ['the outcome was corrected to attended', { status: 'attended' as const }, 'appointment_not_missed'],
      ['the appointment is booked again', { status: 'booked' as const }, 'appointment_not_missed'],
      [
        'its in-reach session had been cancelled',
        { sessionCancelledAt: at('2026-11-09T09:00:00Z') },
        'appointment_session_cancelled',
      ],
      ['the appointment changed', { version: 3 }, 'appointment_changed'],
    ])('is not sent when %s', (_case, appointment, reason) => {
      expect(decideSend(missed({ appointment }), RECORDED, QUIET)).toEqual({ kind: 'skip', reason });
    });

    it('is not sent 24 hours or more after the start', () => {
      expect(decideSend(missed(), at('2026-11-11T14:29:00Z'), QUIET)).toMatchObject({ kind: 'send' });
      for (const now of ['2026-11-11T14:30:00Z', '2026-11-12T09:00:00Z']) {
        expect(decideSend(missed(), at(now), QUIET)).toEqual({
          kind: 'skip',
          reason: 'missed_text_too_late',
        });
      }
    });

    it('waits out quiet hours only when they end within the 24 hours', () => {
      expect(decideSend(missed(), at('2026-11-10T22:00:00Z'), QUIET)).toEqual({
        kind: 'defer',
        until: at('2026-11-11T08:00:00Z'),
      });
      const earlyMorning = missed({ appointment: { startsAt: at('2026-11-10T07:30:00Z') } });
      expect(decideSend(earlyMorning, at('2026-11-10T22:00:00Z'), QUIET)).toEqual({
        kind: 'skip',
        reason: 'missed_text_too_late_after_quiet_hours',
      });
    });

    it('follows the same client rules as reminders', () => {
      expect(decideSend(missed({ client: { smsConsent: false } }), RECORDED, QUIET)).toEqual({
        kind: 'skip',
        reason: 'no_sms_consent',
      });
      expect(decideSend(missed({ client: { mobileSafeToText: false } }), RECORDED, QUIET)).toEqual({
        kind: 'skip',
        reason: 'mobile_not_safe_to_text',
      });
      expect(decideSend(missed({ client: { optedOutAt: RECORDED } }), RECORDED, QUIET)).toEqual({
        kind: 'skip',
        reason: 'opted_out',
      });
    });

    it('ends an earlier step of the plan that is still due: the appointment is over', () => {
      const twoHoursBefore = loaded({
        reminder: { step: 'two_hours_before', dueAt: at('2026-11-10T12:30:00Z') },
        appointment: { status: 'missed' },
        laterSteps: [{ step: 'missed', dueAt: RECORDED, status: 'scheduled' }],
      });
      expect(decideSend(twoHoursBefore, RECORDED, QUIET)).toEqual({
        kind: 'skip',
        reason: 'appointment_not_booked',
      });
    });
  });

  it('never sends a reminder of an appointment only offered, not booked', () => {
    expect(decideSend(loaded({ appointment: { status: 'offered' } }), EVENING_BEFORE, QUIET)).toEqual({
      kind: 'skip',
      reason: 'appointment_not_booked',
    });
  });

  it('refuses a reminder that is no longer scheduled: the caller must not get this far', () => {
    expect(() => decideSend(loaded({ reminder: { status: 'sent' } }), EVENING_BEFORE, QUIET)).toThrow(
      /only for scheduled reminders/,
    );
  });
});
