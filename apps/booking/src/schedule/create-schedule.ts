import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { OrganisationError } from '../organisation/organisation.errors';
import { registeredOrganisation } from '../organisation/registered-organisation';
import { Site } from '../organisation/site.entity';
import { toScheduleView, type CreateScheduleBody, type ScheduleView } from './schedule.dto';
import { Schedule } from './schedule.entity';
import { ScheduleError } from './schedule.errors';

/**
 * Adds a schedule (a clinic's, a practitioner's or a service's diary) at one of the caller's own sites.
 * Another organisation's site is answered like an unknown one. A site has one schedule per name and
 * service type (a database constraint), so a concurrent duplicate gets a clear 409.
 */
@Injectable()
export class CreateSchedule {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    principal: Principal,
    body: CreateScheduleBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<ScheduleView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        BOOKING_SCHEMA,
        { caller: principal, operation: 'create-schedule', key: idempotencyKey, body },
        () => this.create(manager, principal, body),
      ),
    );
  }

  private async create(
    manager: EntityManager,
    principal: Principal,
    body: CreateScheduleBody,
  ): Promise<ScheduleView> {
    await registeredOrganisation(manager, principal);
    const site = await manager.findOneBy(Site, { id: body.siteId, orgId: principal.orgId });
    if (!site) throw new OrganisationError('SITE_NOT_FOUND', { detail: `No site ${body.siteId}` });
    const schedule = manager.create(Schedule, {
      id: randomUUID(),
      orgId: principal.orgId,
      siteId: site.id,
      kind: body.kind,
      name: body.name,
      serviceType: body.serviceType,
      createdBy: principal.userId,
      createdAt: this.clock.now(),
    });
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "booking"."schedule"
         ("id", "org_id", "site_id", "kind", "name", "service_type", "created_by", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT "schedule_name_per_site" DO NOTHING RETURNING "id"`,
      [
        schedule.id,
        schedule.orgId,
        schedule.siteId,
        schedule.kind,
        schedule.name,
        schedule.serviceType,
        schedule.createdBy,
        schedule.createdAt,
      ],
    );
    if (inserted.length === 0) {
      throw new ScheduleError('SCHEDULE_NAME_TAKEN', {
        detail: `Site "${site.name}" already has a schedule "${body.name}" for ${body.serviceType}`,
      });
    }
    return toScheduleView(schedule, site);
  }
}
