import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { toContactView, type ContactView, type UpdateContactBody } from './client-contact.dto';
import { ClientContact } from './client-contact.entity';
import { ClientEvents } from './client-events';
import { ClientRecords } from './client-records';
import { ClientError } from './client.errors';

/**
 * Replaces a contact's details. Verification survives only while the number stays the same: a new
 * number marked verified is verified by the caller now; `verified: false` clears it.
 */
@Injectable()
export class UpdateClientContact {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
    private readonly events: ClientEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    clientId: string,
    contactId: string,
    body: UpdateContactBody,
  ): Promise<ContactView> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.records.find(manager, principal, clientId, { forUpdate: true });
      const contact = await manager.findOneBy(ClientContact, { id: contactId, clientId: client.id });
      if (!contact) throw new ClientError('CLIENT_CONTACT_NOT_FOUND', { detail: `No contact ${contactId}` });
      if (contact.version !== body.version) {
        throw new ClientError('CLIENT_CONTACT_VERSION_CONFLICT', {
          detail: `The contact changed since it was read (version ${body.version}, now ${contact.version})`,
          extensions: { currentVersion: contact.version },
        });
      }
      const now = this.clock.now();
      const keepsVerification = body.verified && contact.verifiedAt !== null && contact.phone === body.phone;
      const changes = {
        purpose: body.purpose,
        phone: body.phone,
        label: body.label,
        safeToText: body.safeToText,
        verifiedBy: keepsVerification ? contact.verifiedBy : body.verified ? principal.userId : null,
        verifiedAt: keepsVerification ? contact.verifiedAt : body.verified ? now : null,
        version: contact.version + 1,
        updatedAt: now,
      };
      await manager.update(ClientContact, { id: contact.id }, changes);
      const updated: ClientContact = { ...contact, ...changes };
      await this.records.record(manager, principal, {
        action: 'update',
        clientId: client.id,
        subjectType: 'client_contact',
        subjectId: contact.id,
        details: {
          purpose: updated.purpose,
          phoneChanged: contact.phone !== body.phone,
          safeToText: updated.safeToText,
          verified: body.verified,
        },
      });
      await this.events.contactsChanged(manager, principal, client, now);
      return toContactView(updated);
    });
  }
}
