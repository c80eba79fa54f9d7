import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditEntrySchema, CHANGING_AUDIT_ACTIONS, type AuditEntry, type AuditRecord } from './audit-entry';
import { quoteSchema } from './schema-name';

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string;
  actor_org_id: string;
  actor_roles: string[];
  action: AuditRecord['action'];
  subject_type: string;
  subject_id: string;
  client_id: string | null;
  reason: string | null;
  correlation_id: string;
  details: Record<string, unknown>;
}

/**
 * Writes and reads a service's audit log with plain SQL, so it works whatever entities the
 * service registers. Writes go through the caller's EntityManager: inside a transaction, the entry
 * commits or rolls back with the change it describes.
 */
@Injectable()
export class AuditTrail {
  /** Appends an entry and returns its id. */
  async record(manager: EntityManager, schema: string, entry: AuditEntry): Promise<string> {
    const table = `${quoteSchema(schema)}.audit_log`;
    const e = auditEntrySchema.parse(entry);
    if (CHANGING_AUDIT_ACTIONS.includes(e.action) && !manager.queryRunner?.isTransactionActive) {
      throw new Error(
        `An audit entry for "${e.action}" must be recorded inside the transaction that makes the change`,
      );
    }
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO ${table} (occurred_at, actor_user_id, actor_org_id, actor_roles, action, subject_type, subject_id,
         client_id, reason, correlation_id, details)
       VALUES (COALESCE($1::timestamptz, now()), $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11::jsonb)
       RETURNING id`,
      [
        e.occurredAt?.toISOString() ?? null,
        e.actor.userId,
        e.actor.orgId,
        e.actor.roles,
        e.action,
        e.subjectType,
        e.subjectId,
        e.clientId ?? null,
        e.reason ?? null,
        e.correlationId,
        JSON.stringify(e.details ?? {}),
      ],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error(`Audit entry was not written to ${table}`);
    return id;
  }

  /** Everything recorded about one client, oldest first: "who has looked at or changed this client". */
  async forClient(manager: EntityManager, schema: string, clientId: string): Promise<AuditRecord[]> {
    const rows: AuditRow[] = await manager.query(
      `SELECT * FROM ${quoteSchema(schema)}.audit_log WHERE client_id = $1 ORDER BY occurred_at, seq`,
      [clientId],
    );
    return rows.map(toRecord);
  }
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: new Date(row.occurred_at),
    actorUserId: row.actor_user_id,
    actorOrgId: row.actor_org_id,
    actorRoles: row.actor_roles,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    clientId: row.client_id,
    reason: row.reason,
    correlationId: row.correlation_id,
    details: row.details,
  };
}
