import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import type { EraseContactDataBody } from './client-contact.dto';
import { ClientContact } from './client-contact.entity';
import { ClientEvents } from './client-events';
import { ClientRecords } from './client-records';

export interface ContactDataErasure {
  clientId: string;
  contactsErased: number;
}

/**
 * Erases every phone number held for a client (hard delete) with the reason given, and tells
 * consumers twice over: `client.contact-data-erased.v1` (drop every copy) and an empty
 * `client.contact-changed.v1` (so a projection rebuilt from the latest snapshot holds none either).
 */
@Injectable()
export class EraseClientContactData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
    private readonly events: ClientEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    clientId: string,
    body: EraseContactDataBody,
  ): Promise<ContactDataErasure> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.records.find(manager, principal, clientId, { forUpdate: true });
      const result = await manager.delete(ClientContact, { clientId: client.id });
      const contactsErased = result.affected ?? 0;
      const now = this.clock.now();
      await this.records.record(manager, principal, {
        action: 'delete',
        clientId: client.id,
        subjectType: 'client_contact_data',
        reason: body.reason,
        details: { contactsErased },
      });
      await this.events.contactDataErased(manager, principal, client, body.reason, now);
      await this.events.contactsChanged(manager, principal, client, now);
      return { clientId: client.id, contactsErased };
    });
  }
}
