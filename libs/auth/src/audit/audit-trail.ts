import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { quoteSchema } from '@careloop/persistence';
import { auditEntrySchema, CHANGING_AUDIT_ACTIONS, type AuditEntry, type AuditRecord } from './audit-entry';

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
    const [id] = await this.recordMany(manager, schema, [entry]);
    if (!id) throw new Error(`Audit entry was not written to ${schema}.audit_log`);
    return id;
  }

  /**
   * Appends several entries in one INSERT and returns their ids in order. For list and search
   * screens: one entry per client shown, so `forClient` also answers "whose list showed this
   * client". Every entry is validated before anything is written; none is written if one is bad.
   */
  async recordMany(
    manager: EntityManager,
    schema: string,
    entries: readonly AuditEntry[],
  ): Promise<string[]> {
    const table = `${quoteSchema(schema)}.audit_log`;
    const parsed = auditEntrySchema.array().parse(entries);
    const change = parsed.find((e) => CHANGING_AUDIT_ACTIONS.includes(e.action));
    if (change && !manager.queryRunner?.isTransactionActive) {
      throw new Error(
        `An audit entry for "${change.action}" must be recorded inside the transaction that makes the change`,
      );
    }
    if (parsed.length === 0) return [];

    // One jsonb parameter rather than 11 per row: no bind-parameter limit on long lists. Ids are made
    // here so they come back in entry order; `n` keeps `seq` (the append order) in entry order too.
    const rows = parsed.map((e, n) => ({
      n,
      id: randomUUID(),
      occurred_at: e.occurredAt?.toISOString() ?? null,
      actor_user_id: e.actor.userId,
      actor_org_id: e.actor.orgId,
      actor_roles: e.actor.roles,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      client_id: e.clientId ?? null,
      reason: e.reason ?? null,
      correlation_id: e.correlationId,
      details: e.details ?? {},
    }));
    const written: unknown[] = await manager.query(
      `INSERT INTO ${table} (id, occurred_at, actor_user_id, actor_org_id, actor_roles, action, subject_type,
         subject_id, client_id, reason, correlation_id, details)
       SELECT id, COALESCE(occurred_at, now()), actor_user_id, actor_org_id, actor_roles, action, subject_type,
         subject_id, client_id, reason, correlation_id, details
       FROM jsonb_to_recordset($1::jsonb) AS e(n int, id uuid, occurred_at timestamptz, actor_user_id text,
         actor_org_id text, actor_roles text[], action text, subject_type text, subject_id text, client_id text,
         reason text, correlation_id text, details jsonb)
       ORDER BY n
       RETURNING id`,
      [JSON.stringify(rows)],
    );
    if (written.length !== rows.length) throw new Error(`Audit entries were not all written to ${table}`);
    return rows.map((row) => row.id);
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
