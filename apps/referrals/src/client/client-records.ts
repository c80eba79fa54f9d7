import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, assertVisibleTo, type AuditAction, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ClientConsent } from './client-consent.entity';
import { ClientContact } from './client-contact.entity';
import { toClientView, type ClientView } from './client-view';
import { ClientError } from './client.errors';
import { Client } from './client.entity';

/** Reading a client the caller may see, and auditing what was done to it: shared by every use case. */
@Injectable()
export class ClientRecords {
  constructor(private readonly audit: AuditTrail) {}

  /**
   * The client, if it belongs to the caller's organisation; another organisation's client answers
   * exactly like an unknown id. `forUpdate` locks the row until the transaction ends, which
   * serialises every change to one client (and the snapshot events those changes publish).
   */
  async find(
    manager: EntityManager,
    principal: Principal,
    clientId: string,
    { forUpdate = false } = {},
  ): Promise<Client> {
    const client = await manager.findOne(Client, {
      where: { id: clientId, orgId: principal.orgId },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    assertVisibleTo(
      principal,
      client,
      () => new ClientError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` }),
    );
    return client;
  }

  /** The client with its contacts and current consents, as GET /clients/:id shows it. */
  async view(manager: EntityManager, client: Client): Promise<ClientView> {
    const contacts = await manager.findBy(ClientContact, { clientId: client.id });
    const consents = await manager.findBy(ClientConsent, { clientId: client.id });
    return toClientView(client, contacts, consents);
  }

  /** One audit entry about a client, in the caller's transaction. Name fields in `details`, never values. */
  async record(
    manager: EntityManager,
    principal: Principal,
    entry: {
      action: AuditAction;
      clientId: string;
      subjectType?: string;
      subjectId?: string;
      reason?: string;
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.audit.record(manager, REFERRALS_SCHEMA, {
      actor: principal,
      action: entry.action,
      subjectType: entry.subjectType ?? 'client',
      subjectId: entry.subjectId ?? entry.clientId,
      clientId: entry.clientId,
      reason: entry.reason ?? null,
      correlationId: currentCorrelation()?.correlationId ?? entry.clientId,
      details: entry.details ?? {},
    });
  }
}
