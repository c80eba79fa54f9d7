import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { ClientEvents } from './client-events';
import { ClientRecords } from './client-records';
import { assertBornByToday, assertOwnSite, translateNhsNumberConflict } from './client-rules';
import type { ClientView } from './client-view';
import type { UpdateClientBody } from './client.dto';
import { ClientError } from './client.errors';
import { Client } from './client.entity';

/**
 * Changes a client's record if nobody changed it since the caller read `version`. The row is locked
 * while checking, and the UPDATE also requires the version, so of two updates from the same version
 * exactly one succeeds; the other gets CLIENT_VERSION_CONFLICT and changes nothing.
 */
@Injectable()
export class UpdateClient {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
    private readonly events: ClientEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, clientId: string, body: UpdateClientBody): Promise<ClientView> {
    const now = this.clock.now();
    if (body.siteId !== undefined) assertOwnSite(principal, body.siteId);
    if (body.dateOfBirth !== undefined) assertBornByToday(body.dateOfBirth, now);
    return this.dataSource.transaction(async (manager) => {
      const client = await this.records.find(manager, principal, clientId, { forUpdate: true });
      if (client.version !== body.version) throw conflict(body.version, client.version);

      const changes: Partial<Client> = {
        ...(body.name ? { givenName: body.name.given, familyName: body.name.family } : {}),
        ...(body.preferredName !== undefined ? { preferredName: body.preferredName } : {}),
        ...(body.dateOfBirth !== undefined ? { dateOfBirth: body.dateOfBirth } : {}),
        ...(body.nhsNumber !== undefined ? { nhsNumber: body.nhsNumber } : {}),
        ...(body.keyworkerId !== undefined ? { keyworkerId: body.keyworkerId } : {}),
        ...(body.siteId !== undefined ? { siteId: body.siteId } : {}),
        ...(body.gpPracticeOds !== undefined ? { gpPracticeOds: body.gpPracticeOds } : {}),
        ...(body.flags ?? {}),
        ...(body.attendancePattern !== undefined ? { attendancePattern: body.attendancePattern } : {}),
        version: client.version + 1,
        updatedBy: principal.userId,
        updatedAt: now,
      };
      const result = await manager
        .update(Client, { id: client.id, orgId: principal.orgId, version: body.version }, changes)
        .catch(translateNhsNumberConflict);
      if (result.affected !== 1) throw conflict(body.version, undefined);
      const updated: Client = Object.assign(client, changes);

      await this.records.record(manager, principal, {
        action: 'update',
        clientId: client.id,
        details: {
          fields: Object.keys(body).filter((k) => k !== 'version'),
          version: updated.version,
        },
      });
      await this.events.clientChanged(manager, principal, updated, 'updated');
      return this.records.view(manager, updated);
    });
  }
}

function conflict(sent: number, current: number | undefined): ClientError {
  return new ClientError('CLIENT_VERSION_CONFLICT', {
    detail: `You sent version ${sent}${current ? ` but the client is at version ${current}` : ''}; read it again and reapply your change`,
    extensions: { field: 'version', ...(current ? { currentVersion: current } : {}) },
  });
}
