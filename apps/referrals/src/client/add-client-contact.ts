import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { toContactView, type ContactBody, type ContactView } from './client-contact.dto';
import { ClientContact } from './client-contact.entity';
import { ClientEvents } from './client-events';
import { ClientRecords } from './client-records';
import { ClientError } from './client.errors';

export const MAX_CONTACTS_PER_CLIENT = 10;

/**
 * Adds a phone number to a client and publishes the full contact list. With an Idempotency-Key a
 * retry returns the same contact; the key row keeps only its id, so erasure leaves no number behind.
 */
@Injectable()
export class AddClientContact {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
    private readonly events: ClientEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    clientId: string,
    body: ContactBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<ContactView>> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.records.find(manager, principal, clientId, { forUpdate: true });
      const add = async (): Promise<{ contactId: string }> => {
        const existing = await manager.countBy(ClientContact, { clientId: client.id });
        if (existing >= MAX_CONTACTS_PER_CLIENT) throw new ClientError('CLIENT_TOO_MANY_CONTACTS');
        const now = this.clock.now();
        const contact = manager.create(ClientContact, {
          id: randomUUID(),
          clientId: client.id,
          orgId: client.orgId,
          purpose: body.purpose,
          phone: body.phone,
          label: body.label,
          safeToText: body.safeToText,
          verifiedBy: body.verified ? principal.userId : null,
          verifiedAt: body.verified ? now : null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
        await manager.insert(ClientContact, contact);
        await this.records.record(manager, principal, {
          action: 'create',
          clientId: client.id,
          subjectType: 'client_contact',
          subjectId: contact.id,
          details: { purpose: contact.purpose, safeToText: contact.safeToText, verified: body.verified },
        });
        await this.events.contactsChanged(manager, principal, client, now);
        return { contactId: contact.id };
      };
      const { result, replayed } = await createOnce(
        manager,
        REFERRALS_SCHEMA,
        { caller: principal, operation: `add-client-contact:${client.id}`, key: idempotencyKey, body },
        add,
      );
      const contact = await manager.findOneBy(ClientContact, { id: result.contactId, clientId: client.id });
      if (!contact)
        throw new ClientError('CLIENT_CONTACT_NOT_FOUND', { detail: 'The contact was removed since' });
      if (replayed) {
        await this.records.record(manager, principal, {
          action: 'read',
          clientId: client.id,
          subjectType: 'client_contact',
          subjectId: contact.id,
          reason: 'repeated request (Idempotency-Key)',
        });
      }
      return { result: toContactView(contact), replayed };
    });
  }
}
