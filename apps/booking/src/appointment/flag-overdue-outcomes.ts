import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import { appointmentOutcomeOverdueV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { BOOKING_POLICY, type BookingPolicy } from '../booking-policy';
import { BOOKING_SCHEMA } from '../booking-schema';
import type { TimerTask } from '../timers/timer-task';
import { appointmentAudit } from './appointment-audit';
import { appointmentEnvelope, BOOKING_SYSTEM_USER } from './appointment-events';

/** Appointments flagged per transaction. */
const BATCH = 200;

interface Flagged {
  id: string;
  orgId: string;
  clientId: string;
  referralId: string | null;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Marks booked appointments whose end plus the grace period (the policy's `outcomeGraceHours`) has
 * passed with no attendance recorded: `outcome_overdue_at` and `appointment.outcome-overdue.v1`, so
 * the referral shows "outcome unknown" and someone chases it. Each appointment is flagged once (the
 * flag is part of what is due); rows locked elsewhere (attendance being recorded) are skipped.
 */
@Injectable()
export class FlagOverdueOutcomes implements TimerTask {
  readonly name = 'flag-overdue-outcomes';

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(BOOKING_POLICY) private readonly policy: BookingPolicy,
  ) {}

  async run(now: Date): Promise<number> {
    const endedBefore = new Date(now.getTime() - this.policy.outcomeGraceHours * 60 * 60_000);
    let flaggedTotal = 0;
    for (;;) {
      const flagged = await this.dataSource.transaction(async (manager) => {
        const rows: Flagged[] = await manager.query(
          `WITH due AS (
             SELECT a."id" FROM "booking"."appointment" a
               JOIN "booking"."slot" s ON s."id" = a."slot_id"
              WHERE a."status" = 'booked' AND a."attendance" IS NULL AND a."outcome_overdue_at" IS NULL
                AND s."ends_at" < $1
              ORDER BY s."ends_at", a."id" LIMIT $3
              FOR UPDATE OF a SKIP LOCKED),
           flagged AS (
             UPDATE "booking"."appointment" a SET "outcome_overdue_at" = $2, "version" = a."version" + 1
               FROM due WHERE a."id" = due."id"
             RETURNING a."id", a."org_id", a."client_id", a."referral_id", a."slot_id")
           SELECT f."id", f."org_id" AS "orgId", f."client_id" AS "clientId", f."referral_id" AS "referralId",
                  s."starts_at" AS "startsAt", s."ends_at" AS "endsAt"
             FROM flagged f JOIN "booking"."slot" s ON s."id" = f."slot_id"
            ORDER BY s."ends_at", f."id"`,
          [endedBefore, now, BATCH],
        );
        if (rows.length === 0) return 0;
        const actor = (row: Flagged) => ({ userId: BOOKING_SYSTEM_USER, orgId: row.orgId, roles: [] });
        await this.audit.recordMany(
          manager,
          BOOKING_SCHEMA,
          rows.map((row) => ({
            ...appointmentAudit(actor(row), row, now),
            action: 'update' as const,
            details: { outcomeOverdue: true },
          })),
        );
        for (const row of rows) {
          await this.outbox.add(manager, appointmentOutcomeOverdueV1, {
            ...appointmentEnvelope(row, { kind: 'system', id: BOOKING_SYSTEM_USER }, now),
            data: {
              appointmentId: row.id,
              clientId: row.clientId,
              referralId: row.referralId,
              startsAt: new Date(row.startsAt).toISOString(),
              endedAt: new Date(row.endsAt).toISOString(),
            },
          });
        }
        return rows.length;
      });
      flaggedTotal += flagged;
      if (flagged < BATCH) return flaggedTotal;
    }
  }
}
