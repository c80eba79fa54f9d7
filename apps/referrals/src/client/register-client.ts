import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ClientEvents } from './client-events';
import { ClientRecords } from './client-records';
import { assertBornByToday, assertOwnSite, translateNhsNumberConflict } from './client-rules';
import type { ClientView } from './client-view';
import type { RegisterClientBody } from './client.dto';
import { Client } from './client.entity';

/**
 * Registers a client of the caller's CDAS at version 1. The record, its audit entry and
 * `client.registered.v1` commit together. With an Idempotency-Key a retry returns the same client; the
 * key row stores only the client id, never personal data.
 */
@Injectable()
export class RegisterClient {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
    private readonly events: ClientEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    body: RegisterClientBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<ClientView>> {
    const now = this.clock.now();
    assertOwnSite(principal, body.siteId);
    assertBornByToday(body.dateOfBirth, now);
    return this.dataSource.transaction(async (manager) => {
      const register = async (): Promise<{ clientId: string }> => {
        const client = manager.create(Client, {
          id: randomUUID(),
          orgId: principal.orgId,
          version: 1,
          givenName: body.name.given,
          familyName: body.name.family,
          preferredName: body.preferredName ?? null,
          dateOfBirth: body.dateOfBirth,
          nhsNumber: body.nhsNumber ?? null,
          keyworkerId: body.keyworkerId ?? principal.userId,
          siteId: body.siteId,
          gpPracticeOds: body.gpPracticeOds ?? null,
          ...body.flags,
          attendancePattern: body.attendancePattern,
          createdBy: principal.userId,
          createdAt: now,
          updatedBy: principal.userId,
          updatedAt: now,
        });
        await manager.insert(Client, client).catch(translateNhsNumberConflict);
        await this.records.record(manager, principal, {
          action: 'create',
          clientId: client.id,
          details: { version: 1, nhsNumberRecorded: client.nhsNumber !== null },
        });
        await this.events.clientChanged(manager, principal, client, 'registered');
        return { clientId: client.id };
      };
      const { result, replayed } = await createOnce(
        manager,
        REFERRALS_SCHEMA,
        { caller: principal, operation: 'register-client', key: idempotencyKey, body },
        register,
      );
      const client = await this.records.find(manager, principal, result.clientId);
      if (replayed) {
        await this.records.record(manager, principal, {
          action: 'read',
          clientId: client.id,
          reason: 'repeated request (Idempotency-Key)',
        });
      }
      return { result: await this.records.view(manager, client), replayed };
    });
  }
}
