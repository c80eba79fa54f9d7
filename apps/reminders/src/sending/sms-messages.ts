import type { EntityManager } from 'typeorm';
import type { SmsStatus } from '@careloop/contracts';
import { progressedStatus } from '../receipts/delivery-progress';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { SendInProgressError } from './sending.errors';
import type { SmsMessage, SmsMessageStatus } from './sms-message.entity';

const TABLE = `"${REMINDERS_SCHEMA}"."sms_message"`;
// Postgres: the row is locked by another transaction and NOWAIT was asked.
const LOCK_NOT_AVAILABLE = '55P03';

/** The parts of a text's row the sender reads back. */
export interface SmsMessageRow {
  id: string;
  status: SmsMessageStatus;
}

/**
 * The sender's reads and writes of sms_message. A row is written `sending` and committed before the
 * gateway is called; the attempt that calls the gateway holds the row's lock until it records the
 * outcome, so a row found `sending` and unlocked belongs to an attempt that died mid-send.
 */
export const smsMessages = {
  /**
   * The text of a reminder, if any, locked. Throws SendInProgressError, without waiting, when another
   * attempt holds it: that attempt is sending it right now and will record what happened.
   */
  async lockOfReminder(manager: EntityManager, reminderId: string): Promise<SmsMessageRow | undefined> {
    try {
      const rows = (await manager.query(
        `SELECT "id", "status" FROM ${TABLE} WHERE "reminder_id" = $1 FOR UPDATE NOWAIT`,
        [reminderId],
      )) as SmsMessageRow[];
      return rows[0];
    } catch (error) {
      if (isLockNotAvailable(error)) throw new SendInProgressError(reminderId);
      throw error;
    }
  },

  /** Locks a text for its send, waiting for whoever holds it; its status then says whether to go on. */
  async lock(manager: EntityManager, id: string): Promise<SmsMessageRow | undefined> {
    const rows = (await manager.query(`SELECT "id", "status" FROM ${TABLE} WHERE "id" = $1 FOR UPDATE`, [
      id,
    ])) as SmsMessageRow[];
    return rows[0];
  },

  /** Inserts the `sending` row; false when the reminder already has a text (UNIQUE reminder_id). */
  async insertSending(manager: EntityManager, message: SmsMessage): Promise<boolean> {
    const inserted = (await manager.query(
      `INSERT INTO ${TABLE} ("id", "reminder_id", "client_id", "org_id", "appointment_id", "to", "body",
         "encoding", "segments", "gateway", "gateway_message_id", "status", "error_code", "created_at",
         "sent_at", "status_updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, 'sending', NULL, $11, NULL, $11)
       ON CONFLICT ("reminder_id") DO NOTHING
       RETURNING "id"`,
      [
        message.id,
        message.reminderId,
        message.clientId,
        message.orgId,
        message.appointmentId,
        message.to,
        message.body,
        message.encoding,
        message.segments,
        message.gateway,
        message.createdAt,
      ],
    )) as unknown[];
    return inserted.length === 1;
  },

  /**
   * The gateway took it: its id, where it stands, and when we handed it over. A receipt may have
   * overtaken the gateway's answer (its callback names our id), so the status only moves forward:
   * `queued` never replaces a `delivered` already recorded. Returns the status the answer moved the
   * text to, or undefined when it did not move it (the caller raises what a new status means: moved to
   * `delivered`, the text is marked announced here, and the caller adds reminder.delivered.v1).
   */
  async recordAccepted(
    manager: EntityManager,
    id: string,
    accepted: { gatewayMessageId: string; status: SmsStatus },
    at: Date,
  ): Promise<SmsStatus | undefined> {
    const [row] = (await manager.query(`SELECT "status" FROM ${TABLE} WHERE "id" = $1 FOR UPDATE`, [
      id,
    ])) as Pick<SmsMessageRow, 'status'>[];
    if (!row) return undefined;
    const status = progressedStatus(row.status, accepted.status);
    await manager.query(
      `UPDATE ${TABLE} SET "gateway_message_id" = $2, "sent_at" = $4, "status" = COALESCE($3, "status"),
         "status_updated_at" = CASE WHEN $3::text IS NULL THEN "status_updated_at" ELSE $4 END,
         "delivery_announced" = CASE WHEN $3::text = 'delivered' THEN true ELSE "delivery_announced" END
       WHERE "id" = $1`,
      [id, accepted.gatewayMessageId, status ?? null, at],
    );
    return status;
  },

  /** Closes a text that did not go (`failed`) or may or may not have gone (`unknown`). */
  async close(
    manager: EntityManager,
    id: string,
    status: Extract<SmsMessageStatus, 'failed' | 'unknown'>,
    errorCode: string | null,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${TABLE} SET "status" = $2, "error_code" = $3, "status_updated_at" = $4 WHERE "id" = $1`,
      [id, status, errorCode, at],
    );
  },

  /** Forgets a text the gateway certainly did not take, so a later attempt can send it. */
  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM ${TABLE} WHERE "id" = $1 AND "status" = 'sending'`, [id]);
  },
};

function isLockNotAvailable(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return (e?.driverError?.code ?? e?.code) === LOCK_NOT_AVAILABLE;
}
