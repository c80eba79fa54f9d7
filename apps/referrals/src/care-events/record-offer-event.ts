import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  holdEndReasonOf,
  type appointmentBookedV1,
  type appointmentHeldV1,
  type appointmentHoldEndedV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ClientDirectory } from '../need/client-directory';
import {
  assertAppointmentOfClient,
  assertClientOfOrganisation,
  assertReferralOfClient,
} from './care-event-checks';
import { CareEventError } from './care-event.errors';
import { careEventRow, ClientCareEvent } from './client-care-event.entity';

type Env<D> = EventEnvelope<EventData<D>>;
export type OfferEvent =
  | { kind: 'held'; event: Env<typeof appointmentHeldV1> }
  | { kind: 'hold-ended'; event: Env<typeof appointmentHoldEndedV1> };

/**
 * An in-reach waiting-list offer, from booking's events about the seat it holds: the hold made for
 * the offer (what, where, until when) and the hold ending without a booking (declined, released,
 * expired). Kept for the client's timeline, in the consumer's transaction, once per offer and kind.
 * Holds staff make on the phone, and their ends, are not offers and are not kept.
 */
@Injectable()
export class RecordOfferEvent {
  constructor(private readonly clients: ClientDirectory) {}

  async execute(manager: EntityManager, input: OfferEvent): Promise<void> {
    const row = input.kind === 'held' ? this.made(input.event) : await this.ended(manager, input.event);
    if (!row) return;
    await assertClientOfOrganisation(this.clients, manager, row.orgId, row.clientId);
    await assertAppointmentOfClient(manager, row.orgId, row.clientId, row.appointmentId!);
    await assertReferralOfClient(manager, row.orgId, row.clientId, row.referralId);
    await insertOnce(manager, row);
  }

  private made(event: Env<typeof appointmentHeldV1>): ClientCareEvent | null {
    const d = event.data;
    if (!d.offer) return null;
    return careEventRow({
      id: event.id,
      orgId: event.orgId,
      clientId: d.clientId,
      kind: 'offer_made',
      offerId: d.offer.offerId,
      appointmentId: d.appointmentId,
      referralId: d.referralId,
      inreachSessionId: d.inreachSessionId ?? null,
      providerName: d.offer.providerName,
      serviceType: d.offer.serviceType,
      location: d.offer.location,
      startsAt: new Date(d.startsAt),
      expiresAt: new Date(d.holdExpiresAt),
      by: d.heldBy,
      at: new Date(event.occurredAt),
    });
  }

  private async ended(
    manager: EntityManager,
    event: Env<typeof appointmentHoldEndedV1>,
  ): Promise<ClientCareEvent | null> {
    const d = event.data;
    if (!d.offerId) return null;
    // What was offered comes from the offer's own entry. Without one (its hold event was
    // dead-lettered) the end is still shown: the keyworker needs to know the client is waiting again.
    const made = await offerMade(manager, { offerId: d.offerId });
    if (made) assertSameOffer(made, event.orgId, d.clientId, d.appointmentId);
    return careEventRow({
      id: event.id,
      orgId: event.orgId,
      clientId: d.clientId,
      kind: 'offer_ended',
      offerId: d.offerId,
      appointmentId: d.appointmentId,
      referralId: d.referralId,
      inreachSessionId: d.inreachSessionId ?? made?.inreachSessionId ?? null,
      providerName: made?.providerName ?? null,
      serviceType: made?.serviceType ?? null,
      location: made?.location ?? null,
      startsAt: made?.startsAt ?? null,
      endReason: holdEndReasonOf(d),
      by: event.actor.id,
      at: new Date(event.occurredAt),
    });
  }
}

/**
 * The offered appointment was booked (the client replied YES, or the keyworker confirmed the hold):
 * the offer was taken. Called with booking's appointment.booked.v1 in the consumer's transaction,
 * after the client was checked; a booking of an appointment that was never offered adds nothing.
 */
export async function recordOfferTaken(
  manager: EntityManager,
  event: Env<typeof appointmentBookedV1>,
): Promise<void> {
  const d = event.data;
  const made = await offerMade(manager, { appointmentId: d.appointmentId });
  if (!made) return;
  assertSameOffer(made, event.orgId, d.clientId, d.appointmentId);
  await insertOnce(
    manager,
    careEventRow({
      id: event.id,
      orgId: event.orgId,
      clientId: d.clientId,
      kind: 'offer_taken',
      offerId: made.offerId,
      appointmentId: d.appointmentId,
      referralId: d.referralId,
      inreachSessionId: d.inreachSessionId ?? made.inreachSessionId,
      providerName: d.providerName,
      serviceType: d.serviceType,
      location: d.location,
      startsAt: new Date(d.startsAt),
      by: d.bookedBy,
      at: new Date(event.occurredAt),
    }),
  );
}

/** The entry of the hold made for an offer, by the offer or by the appointment holding its seat. */
function offerMade(
  manager: EntityManager,
  by: { offerId: string } | { appointmentId: string },
): Promise<ClientCareEvent | null> {
  return manager.findOneBy(ClientCareEvent, { kind: 'offer_made', ...by });
}

function assertSameOffer(
  made: ClientCareEvent,
  orgId: string,
  clientId: string,
  appointmentId: string,
): void {
  if (made.orgId !== orgId || made.clientId !== clientId || made.appointmentId !== appointmentId) {
    throw new CareEventError('APPOINTMENT_MISMATCH', {
      detail: `Offer ${made.offerId} was made to another client or for another appointment`,
    });
  }
}

/** Once per event (its id) and once per offer and kind (the same fact republished under a new id). */
async function insertOnce(manager: EntityManager, row: ClientCareEvent): Promise<void> {
  await manager.createQueryBuilder().insert().into(ClientCareEvent).values(row).orIgnore().execute();
}
