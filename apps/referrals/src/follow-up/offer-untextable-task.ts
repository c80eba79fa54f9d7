import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { appointmentHeldV1, EventData, EventEnvelope } from '@careloop/contracts';
import { CLOCK, endOfWorkingDay, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { OpenTask } from '../task/open-task';
import { offerUntextableSummary } from './follow-up-wording';
import { whyClientNotTextable } from './why-not-textable';

type Held = EventEnvelope<EventData<typeof appointmentHeldV1>>;

const S = `"${REFERRALS_SCHEMA}"`;

/** How long before the hold lapses the worker should have told the client, so they can still answer. */
export const OFFER_TASK_LEAD_MS = 2 * 60 * 60_000;

/**
 * When an offer's task is due: the end of the working day the seat was held, or two hours before the
 * hold lapses when that is earlier; never before now (an offer held late, or handled late, is due at
 * once).
 */
export function offerTaskDueAt(heldAt: Date, holdExpiresAt: Date, now: Date): Date {
  const beforeExpiry = holdExpiresAt.getTime() - OFFER_TASK_LEAD_MS;
  const endOfDay = endOfWorkingDay(heldAt, 0).getTime();
  return new Date(Math.max(Math.min(beforeExpiry, endOfDay), now.getTime()));
}

/**
 * Booking held a seat for an in-reach offer (appointment.held.v1 with `offer`) and the client cannot be
 * texted now (whyNotTextable: the reminders service will not send the offer), so nobody would tell them
 * and the seat would lapse: their keyworker tells them and confirms or releases the hold with booking
 * (its appointment id is on the task), high priority, due before the hold lapses (offerTaskDueAt). A
 * client who can be texted gets the offer text, and a reply that needs a person is its own task. Runs
 * in the consumer's transaction after the offer was kept for the timeline. One task per offer, however
 * often booking reports it; nothing is opened for a hold that has lapsed or an offer already taken or
 * ended (a late or re-sent event).
 */
@Injectable()
export class OpenOfferUntextableTask {
  constructor(
    private readonly tasks: OpenTask,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: Held): Promise<void> {
    const { orgId, data } = event;
    const offer = data.offer;
    // A hold staff made on the phone: they are already talking to the client.
    if (!offer) return;
    const now = this.clock.now();
    const expiresAt = new Date(data.holdExpiresAt);
    if (expiresAt.getTime() <= now.getTime() || (await offerClosed(manager, offer.offerId))) return;
    const notTextable = await whyClientNotTextable(manager, orgId, data.clientId);
    if (!notTextable) return;
    const startsAt = new Date(data.startsAt);
    const { appointmentId } = data;
    await this.tasks.execute(
      manager,
      {
        cause: `offer:${offer.offerId}`,
        type: 'inreach_offer',
        orgId,
        clientId: data.clientId,
        referralId: data.referralId,
        appointmentId,
        summary: offerUntextableSummary({ ...offer, startsAt, expiresAt }),
        priority: 'high',
        dueAt: offerTaskDueAt(new Date(event.occurredAt), expiresAt, now),
        assignTo: 'keyworker',
        detail: {
          offerId: offer.offerId,
          serviceType: offer.serviceType,
          providerName: offer.providerName,
          location: offer.location,
          appointmentStartsAt: startsAt.toISOString(),
          holdExpiresAt: expiresAt.toISOString(),
          notTextable,
          // Booking's endpoints for the held seat: the client's yes books it, their no gives it back.
          holdActions: {
            confirm: `POST /appointments/${appointmentId}/confirmation`,
            release: `POST /appointments/${appointmentId}/hold-release`,
          },
        },
        causedBy: event.id,
      },
      now,
    );
  }
}

/** The offer's seat was booked or its hold ended, as booking's events already told this service. */
async function offerClosed(manager: EntityManager, offerId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM ${S}."client_care_event" WHERE "offer_id" = $1 AND "kind" IN ('offer_taken', 'offer_ended')`,
    [offerId],
  );
  return rows.length > 0;
}
