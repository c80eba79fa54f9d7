import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_SCHEMA } from '../inreach-schema';
import { hostableSite } from '../site/hostable-site';
import type { CreateRoomBody, RoomView } from './room.dto';
import { RoomError } from './room.errors';

/**
 * Adds a room at one of the caller's CDAS sites. Names are unique per site (a database constraint), so
 * two concurrent requests for one name make one room and one clear 409.
 */
@Injectable()
export class CreateRoom {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    principal: Principal,
    body: CreateRoomBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<RoomView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        INREACH_SCHEMA,
        { caller: principal, operation: 'create-room', key: idempotencyKey, body },
        () => this.create(manager, principal, body),
      ),
    );
  }

  private async create(
    manager: EntityManager,
    principal: Principal,
    body: CreateRoomBody,
  ): Promise<RoomView> {
    const site = await hostableSite(manager, principal, body.siteId);
    const id = randomUUID();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "inreach"."room" ("id", "org_id", "site_id", "name", "created_by", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT "room_name_per_site" DO NOTHING RETURNING "id"`,
      [id, principal.orgId, site.siteId, body.name, principal.userId, this.clock.now()],
    );
    if (inserted.length === 0) {
      throw new RoomError('ROOM_NAME_TAKEN', {
        detail: `${site.name} already has a room called "${body.name}"`,
      });
    }
    return { id, siteId: site.siteId, siteName: site.name, name: body.name };
  }
}
