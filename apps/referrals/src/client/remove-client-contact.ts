import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { ClientContact } from './client-contact.entity';
import { ClientEvents } from './client-events';
import { ClientRecords } from './client-records';
import { ClientError } from './client.errors';

/** Deletes one contact (the number is gone, not hidden) and publishes the remaining list. */
@Injectable()
export class RemoveClientContact {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
    private readonly events: ClientEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, clientId: string, contactId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const client = await this.records.find(manager, principal, clientId, { forUpdate: true });
      const contact = await manager.findOneBy(ClientContact, { id: contactId, clientId: client.id });
      if (!contact) throw new ClientError('CLIENT_CONTACT_NOT_FOUND', { detail: `No contact ${contactId}` });
      await manager.delete(ClientContact, { id: contact.id });
      await this.records.record(manager, principal, {
        action: 'delete',
        clientId: client.id,
        subjectType: 'client_contact',
        subjectId: contact.id,
        details: { purpose: contact.purpose },
      });
      await this.events.contactsChanged(manager, principal, client, this.clock.now());
    });
  }
}
