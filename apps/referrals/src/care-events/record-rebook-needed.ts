import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { appointmentRebookNeededV1, EventData, EventEnvelope } from '@careloop/contracts';
import { ClientDirectory } from '../need/client-directory';
import {
  assertAppointmentOfClient,
  assertClientOfOrganisation,
  assertReferralOfClient,
} from './care-event-checks';
import { careEventRow, ClientCareEvent } from './client-care-event.entity';

type RebookNeededEvent = EventEnvelope<EventData<typeof appointmentRebookNeededV1>>;

/**
 * Booking could not move an appointment out of a cancelled in-reach session: the keyworker must
 * rebook. Kept for the client's timeline, in the consumer's transaction, once per appointment and
 * session. It changes no referral (issue 7 makes it a follow-up task).
 */
@Injectable()
export class RecordRebookNeeded {
  constructor(private readonly clients: ClientDirectory) {}

  async execute(manager: EntityManager, event: RebookNeededEvent): Promise<void> {
    const { orgId, data } = event;
    await assertClientOfOrganisation(this.clients, manager, orgId, data.clientId);
    await assertAppointmentOfClient(manager, orgId, data.clientId, data.appointmentId);
    await assertReferralOfClient(manager, orgId, data.clientId, data.referralId);
    const row = careEventRow({
      id: event.id,
      orgId,
      clientId: data.clientId,
      kind: 'rebook_needed',
      appointmentId: data.appointmentId,
      referralId: data.referralId,
      inreachSessionId: data.inreachSessionId,
      providerName: data.providerName,
      serviceType: data.serviceType,
      startsAt: new Date(data.startsAt),
      by: event.actor.id,
      at: new Date(event.occurredAt),
    });
    await manager.createQueryBuilder().insert().into(ClientCareEvent).values(row).orIgnore().execute();
  }
}
