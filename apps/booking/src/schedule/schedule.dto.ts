import { z } from 'zod';
import { orgIdSchema } from '../organisation/organisation.dto';
import type { Site } from '../organisation/site.entity';
import { SCHEDULE_KINDS, type Schedule, type ScheduleKind } from './schedule.entity';

export const scheduleIdParam = z.uuid();

/** A service type as searches use it: "respiratory", "hepatology", "gp". */
export const serviceTypeSchema = z.string().trim().min(1).max(100);

export const createScheduleBody = z
  .object({
    siteId: z.uuid(),
    kind: z.enum(SCHEDULE_KINDS),
    /** Shown as the provider on every slot: "Respiratory clinic", "Dr Sam Patel". */
    name: z.string().trim().min(1).max(200),
    serviceType: serviceTypeSchema,
  })
  .strict();
export type CreateScheduleBody = z.output<typeof createScheduleBody>;

export const listSchedulesQuery = z
  .object({
    orgId: orgIdSchema.optional(),
    serviceType: serviceTypeSchema.optional(),
    siteId: z.uuid().optional(),
  })
  .strict();
export type ListSchedulesQuery = z.output<typeof listSchedulesQuery>;

export interface ScheduleView {
  id: string;
  orgId: string;
  siteId: string;
  siteName: string;
  address: string;
  kind: ScheduleKind;
  name: string;
  serviceType: string;
}

export function toScheduleView(schedule: Schedule, site: Site): ScheduleView {
  return {
    id: schedule.id,
    orgId: schedule.orgId,
    siteId: schedule.siteId,
    siteName: site.name,
    address: site.address,
    kind: schedule.kind,
    name: schedule.name,
    serviceType: schedule.serviceType,
  };
}
