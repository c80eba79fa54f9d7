import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, inreachWalkInRecordedV1 } from '@careloop/contracts';
import { ClientDirectory } from '../need/client-directory';
import { assertClientOfOrganisation } from './care-event-checks';
import { CareEventError } from './care-event.errors';
import { careEventRow, ClientCareEvent } from './client-care-event.entity';

type WalkInEvent = EventEnvelope<EventData<typeof inreachWalkInRecordedV1>>;

/**
 * A client of the host CDAS was seen at an in-reach session without a booking. Kept for the client's
 * timeline, in the consumer's transaction, once per walk-in. Shown only: an open referral to in-reach
 * is not moved by it (issue 7 owns those follow-up rules).
 */
@Injectable()
export class RecordWalkIn {
  constructor(private readonly clients: ClientDirectory) {}

  async execute(manager: EntityManager, event: WalkInEvent): Promise<void> {
    const { orgId, data } = event;
    // The host's client is the host's record: an event about it from anyone else is not trusted.
    if (data.hostOrgId !== orgId) {
      throw new CareEventError('ORGANISATION_MISMATCH', {
        detail: `Walk-in ${data.walkInId} at host ${data.hostOrgId} published for ${orgId}`,
      });
    }
    await assertClientOfOrganisation(this.clients, manager, orgId, data.clientId);
    const row = careEventRow({
      id: event.id,
      orgId,
      clientId: data.clientId,
      kind: 'walk_in',
      inreachSessionId: data.sessionId,
      walkInId: data.walkInId,
      serviceType: data.serviceType,
      serviceName: data.serviceName,
      by: data.recordedBy,
      at: new Date(data.seenAt),
    });
    await manager.createQueryBuilder().insert().into(ClientCareEvent).values(row).orIgnore().execute();
  }
}
