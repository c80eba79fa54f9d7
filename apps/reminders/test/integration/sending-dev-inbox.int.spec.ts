import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import { DevInboxGateway } from '../../src/gateway/dev-inbox-gateway';
import { SMS_GATEWAY } from '../../src/gateway/sms-gateway';
import { REMINDERS_QUEUE, reminderJobId } from '../../src/plan/reminder-jobs';
import { AnnounceEarlierDeliveries } from '../../src/receipts/announce-earlier-deliveries';
import { ReceiptsModule } from '../../src/receipts/receipts.module';
import { SendReminder } from '../../src/sending/send-reminder';
import { SendingModule } from '../../src/sending/sending.module';
import { aBookedEvent, aTextableClient, remindersPlansWith, RIVERSIDE_CDAS } from '../support/plan-fixtures';
import { reminderSteps } from '../support/reminder-steps';
import { eventsAbout } from '../support/reminders-outbox';
import { useRemindersPlans } from '../support/use-reminders-plans';

/** Friday 20 March 2026, midday GMT: well outside quiet hours. */
const NOON = '2026-03-20T12:00:00Z';

/**
 * The development inbox answers `delivered` at once and no receipt ever follows: the sender's record
 * of that answer is the text's delivery. The real sender on real Postgres, the inbox as configured.
 */
describe('sending through the development inbox', () => {
  const clock = new ManualClock(NOON);
  const h = useRemindersPlans({
    database: 'reminders_sending_dev_inbox',
    clock,
    module: remindersPlansWith(SendingModule, ReceiptsModule),
    env: () => ({ SMS_GATEWAY: 'dev_inbox' }),
  });
  beforeEach(() => clock.set(NOON));

  const { stepOf, closed } = reminderSteps(h);
  let numbers = 0;
  /** A textable client and their appointment's confirmation, sent (its job runs at once). */
  async function aConfirmationSent() {
    const clientId = randomUUID();
    const mobile = `+4477009004${String(numbers++).padStart(2, '0')}`;
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(...aTextableClient(clientId, mobile), booked);
    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    expect(confirmation.status).toBe('sent');
    return { clientId, mobile, appointmentId: booked.data.appointmentId, confirmation };
  }
  const textOf = async (reminderId: string) =>
    (
      await h.dataSource.query<{ id: string; gateway: string; status: string }[]>(
        `SELECT "id", "gateway", "status" FROM "reminders"."sms_message" WHERE "reminder_id" = $1`,
        [reminderId],
      )
    )[0];

  it('records the text delivered and tells the reports once, with its ids', async () => {
    const { clientId, mobile, appointmentId, confirmation } = await aConfirmationSent();

    const inbox = h.running.app.get<DevInboxGateway>(SMS_GATEWAY);
    expect(inbox).toBeInstanceOf(DevInboxGateway);
    expect(inbox.messagesTo(mobile)).toHaveLength(1);
    const text = await textOf(confirmation.id);
    expect(text).toMatchObject({ gateway: 'dev_inbox', status: 'delivered' });

    const events = await eventsAbout(h.dataSource, clientId);
    expect(events.map((e) => e.type)).toEqual(['reminder.sent.v1', 'reminder.delivered.v1']);
    expect(events[1]).toMatchObject({
      subjectId: clientId,
      orgId: RIVERSIDE_CDAS,
      actor: { kind: 'system', id: 'dev_inbox' },
      data: {
        messageId: text!.id,
        clientId,
        appointmentId,
        step: 'confirmation',
        at: new Date(NOON).toISOString(),
      },
    });
    // Announced at its delivery: the start-up announcement of texts delivered earlier skips it.
    expect(await h.running.app.get(AnnounceEarlierDeliveries, { strict: false }).run()).toBe(0);
    expect(await eventsAbout(h.dataSource, clientId)).toEqual(events);
  });

  it('a job that runs again after the text was delivered raises nothing more', async () => {
    const { clientId, mobile, appointmentId, confirmation } = await aConfirmationSent();
    const threeDaysBefore = await stepOf(appointmentId, 'three_days_before');
    await h.scheduler.cancel(REMINDERS_QUEUE, reminderJobId(threeDaysBefore.id));
    clock.set(threeDaysBefore.due_at);
    const sender = h.running.app.get(SendReminder);

    const first = await sender.execute(threeDaysBefore.id, { finalAttempt: false });
    const again = await sender.execute(threeDaysBefore.id, { finalAttempt: false });

    const text = await textOf(threeDaysBefore.id);
    expect(first).toEqual({ kind: 'sent', messageId: text!.id });
    expect(again).toEqual({ kind: 'nothing_to_do' });
    expect(h.running.app.get<DevInboxGateway>(SMS_GATEWAY).messagesTo(mobile)).toHaveLength(2);
    const delivered = (await eventsAbout(h.dataSource, clientId)).filter(
      (e) => e.type === 'reminder.delivered.v1',
    );
    // The confirmation's, then this text's, once.
    expect(delivered.map((e) => e.data['messageId'])).toEqual([
      (await textOf(confirmation.id))!.id,
      text!.id,
    ]);
    expect(delivered[1]!.data).toMatchObject({
      step: 'three_days_before',
      at: threeDaysBefore.due_at.toISOString(),
    });
  });
});
