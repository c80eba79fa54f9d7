import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  EventData,
  EventEnvelope,
  ReminderStep,
  ReplyIntent,
  smsReplyReceivedV1,
} from '@careloop/contracts';
import { CLOCK, endOfWorkingDay, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { OpenTask } from '../task/open-task';
import { appointmentOfClient, rebookDetail } from './follow-up-facts';
import { replyTaskSummary, type ReplyFollowUp } from './follow-up-wording';

type ReplyReceived = EventEnvelope<EventData<typeof smsReplyReceivedV1>>;

const S = `"${REFERRALS_SCHEMA}"`;

/** What the reply answered, as this service's SMS history and care events tell it. */
export interface AnsweredText {
  /** The step of the latest text about the reply's appointment that reached the client; null if none. */
  step: ReminderStep | null;
  /** The reply names an in-reach offer's appointment, or answers an offer's text, that was still open. */
  aboutOpenOffer: boolean;
}

/**
 * Whether a reply needs a person, and why; null when it does not:
 * - an opt-out word: no (client.sms-opted-out.v1 opens its own task);
 * - `other` (free text, a question, a yes or no reminders could not place): always, even about an
 *   offer, since nobody else acts on it;
 * - a yes or no to an open in-reach offer: no, booking takes or declines the offer by itself;
 * - `rebook` ("can't make it"): yes;
 * - a yes to "sorry we missed you": yes, the client wants a new appointment; to anything else (a
 *   reminder): no, they are coming.
 */
export function replyFollowUp(intent: ReplyIntent, answered: AnsweredText): ReplyFollowUp | null {
  if (intent === 'opt_out') return null;
  if (intent === 'other') return 'other';
  if (answered.aboutOpenOffer) return null;
  if (intent === 'rebook') return 'rebook';
  return answered.step === 'missed' ? 'yes_to_missed' : null;
}

/**
 * The client replied by text (sms.reply-received.v1) with something their keyworker must act on
 * (replyFollowUp): a task due by the end of the working day, high when they want a new appointment,
 * with what they wrote in its detail (and, for a new appointment, the rebook search). Runs in the
 * consumer's transaction after the reply was added to the SMS history. One task per reply.
 */
@Injectable()
export class OpenReplyTask {
  constructor(
    private readonly tasks: OpenTask,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: ReplyReceived): Promise<void> {
    const { orgId, data } = event;
    const receivedAt = new Date(data.receivedAt);
    const kind = replyFollowUp(
      data.intent,
      await answeredText(manager, orgId, data.clientId, data.appointmentId, receivedAt),
    );
    if (!kind) return;
    const appointment = await appointmentOfClient(manager, {
      orgId,
      clientId: data.clientId,
      appointmentId: data.appointmentId,
    });
    const wantsNewAppointment = kind !== 'other';
    await this.tasks.execute(
      manager,
      {
        cause: `reply:${data.replyId}`,
        type: 'sms_reply',
        orgId,
        clientId: data.clientId,
        referralId: appointment?.referralId ?? null,
        appointmentId: data.appointmentId,
        summary: replyTaskSummary(kind),
        priority: wantsNewAppointment ? 'high' : 'routine',
        dueAt: endOfWorkingDay(receivedAt, 0),
        assignTo: 'keyworker',
        detail: {
          replyText: textForDetail(data.text),
          intent: data.intent,
          ...(wantsNewAppointment && appointment ? rebookDetail(appointment) : {}),
        },
        causedBy: event.id,
      },
      this.clock.now(),
    );
  }
}

/** Room for the reply in a task's detail (bounded by the task rules), the rest of the detail aside. */
export const REPLY_TEXT_MAX_BYTES = 6_000;

/**
 * The reply as the client wrote it, shortened (whole characters, ending in …) only if its JSON would
 * not fit in a task's detail: a text that odd must not stop the task, the timeline has it whole.
 */
export function textForDetail(text: string): string {
  const fits = (t: string) => Buffer.byteLength(JSON.stringify(t)) <= REPLY_TEXT_MAX_BYTES;
  if (fits(text)) return text;
  const chars = Array.from(text);
  let keep = chars.length;
  while (keep > 0 && !fits(`${chars.slice(0, keep).join('')}…`)) keep = Math.floor(keep * 0.9);
  return `${chars.slice(0, keep).join('')}…`;
}

async function answeredText(
  manager: EntityManager,
  orgId: string,
  clientId: string,
  appointmentId: string | null,
  receivedAt: Date,
): Promise<AnsweredText> {
  // As the reminders service places a reply: the latest text about that appointment not known to
  // have failed, sent before the reply came (one client's SMS events arrive in order).
  const texts: { step: ReminderStep | null }[] = await manager.query(
    `SELECT s."step" FROM ${S}."client_sms" s
      WHERE s."org_id" = $1 AND s."client_id" = $2 AND s."kind" = 'sent'
        AND s."appointment_id" IS NOT DISTINCT FROM $3::uuid AND s."at" <= $4
        AND NOT EXISTS (SELECT 1 FROM ${S}."client_sms" f WHERE f."kind" = 'delivery_failed'
          AND f."message_id" = s."message_id" AND f."outcome" IN ('undelivered', 'failed'))
      ORDER BY s."at" DESC LIMIT 1`,
    [orgId, clientId, appointmentId, receivedAt],
  );
  const step = texts[0]?.step ?? null;
  const offer = appointmentId
    ? await offerStateAt(manager, orgId, clientId, appointmentId, receivedAt)
    : 'none';
  // An offer's text whose offer booking has not told us of yet is taken to be open.
  return { step, aboutOpenOffer: offer === 'open' || (offer === 'none' && step === 'offer') };
}

/**
 * Whether booking's events show the appointment held for an in-reach offer that was still open when
 * the reply came (not taken, ended or lapsed), one that was no longer open, or no offer at all.
 */
async function offerStateAt(
  manager: EntityManager,
  orgId: string,
  clientId: string,
  appointmentId: string,
  at: Date,
): Promise<'open' | 'closed' | 'none'> {
  const rows: { open: boolean }[] = await manager.query(
    `SELECT (m."expires_at" > $4 AND NOT EXISTS (SELECT 1 FROM ${S}."client_care_event" e
               WHERE e."offer_id" = m."offer_id" AND e."kind" IN ('offer_taken', 'offer_ended') AND e."at" <= $4)
            ) AS open
       FROM ${S}."client_care_event" m
      WHERE m."kind" = 'offer_made' AND m."org_id" = $1 AND m."client_id" = $2 AND m."appointment_id" = $3`,
    [orgId, clientId, appointmentId, at],
  );
  if (rows.length === 0) return 'none';
  return rows.some((r) => r.open) ? 'open' : 'closed';
}
