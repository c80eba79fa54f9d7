import { setTimeout as sleep } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReminderStep } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { addDeliveredEvent } from '../sending/send-events';
import type { GatewayName } from '../sending/sms-message.entity';

/** Texts announced per transaction. */
const BATCH = 500;
/** How long to wait before looking again when every text left is being announced by another process. */
const HELD_ELSEWHERE_MS = 200;

const TEXT = `"${REMINDERS_SCHEMA}"."sms_message"`;
const UNANNOUNCED = `"status" = 'delivered' AND NOT "delivery_announced"`;

interface DeliveredText {
  id: string;
  client_id: string;
  org_id: string;
  appointment_id: string | null;
  step: ReminderStep | null;
  gateway: GatewayName;
  delivered_at: Date;
}

/**
 * At start-up, raises reminder.delivered.v1 for every text delivered but never announced: those
 * delivered before reminders raised the event (migration 1764400003400 leaves them unannounced), or by
 * an older process still running beside this one. Without it the reports would count every text of
 * those periods as "sent, not confirmed". Each event is the one the delivery would have raised: the
 * gateway as actor, the text's step, the time it was recorded delivered.
 *
 * Batches claim their texts FOR UPDATE SKIP LOCKED and mark them announced in the transaction that
 * adds their events, so processes starting together share the backlog and no text is announced twice,
 * and a restart finds nothing left. A batch that finds no free text ends the run only when no text is
 * left at all: one held by another process (or by a receipt for a moment) is waited for, so a process
 * that dies mid-batch leaves its texts to the others. Runs in the background, like the start-up sweep
 * of reminders: a large backlog does not hold up start-up.
 */
@Injectable()
export class AnnounceEarlierDeliveries implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: AnnounceEarlierDeliveries.name });
  }

  onApplicationBootstrap(): void {
    this.running = this.run().then(
      (announced) => {
        if (announced > 0) this.logger.info({ announced }, 'texts delivered earlier announced');
      },
      (error: unknown) =>
        this.logger.error({ err: error }, 'announcing texts delivered earlier failed: retried at next start'),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Resolves when the run started at bootstrap has finished (for tests and tooling). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Announces the delivered texts never announced, oldest delivery first; returns how many. */
  async run(): Promise<number> {
    let announced = 0;
    while (!this.stopping) {
      const batch = await this.announceBatch();
      announced += batch;
      if (batch > 0) continue;
      if (!(await this.anyLeft())) break;
      await sleep(HELD_ELSEWHERE_MS);
    }
    return announced;
  }

  private announceBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const texts = (await manager.query(
        `WITH "claimed" AS (
           SELECT "id" FROM ${TEXT} WHERE ${UNANNOUNCED}
            ORDER BY "status_updated_at", "id" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
         ), "announced" AS (
           UPDATE ${TEXT} t SET "delivery_announced" = true FROM "claimed" c WHERE t."id" = c."id"
           RETURNING t."id", t."reminder_id", t."client_id", t."org_id", t."appointment_id", t."gateway",
                     t."status_updated_at"
         )
         SELECT a."id", a."client_id", a."org_id", a."appointment_id", a."gateway",
                a."status_updated_at" AS "delivered_at", r."step"
           FROM "announced" a LEFT JOIN "${REMINDERS_SCHEMA}"."reminder" r ON r."id" = a."reminder_id"
          ORDER BY a."status_updated_at", a."id"`,
      )) as DeliveredText[];
      for (const t of texts) {
        await addDeliveredEvent(
          this.outbox,
          manager,
          {
            messageId: t.id,
            clientId: t.client_id,
            orgId: t.org_id,
            appointmentId: t.appointment_id,
            step: t.step,
          },
          t.gateway,
          t.delivered_at,
        );
      }
      return texts.length;
    });
  }

  private async anyLeft(): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM ${TEXT} WHERE ${UNANNOUNCED}) AS "left"`,
    )) as { left: boolean }[];
    return row?.left === true;
  }
}
