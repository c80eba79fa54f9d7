import { z } from 'zod';

/** What was done to a client's data. Reads are audited as well as changes. */
export const AUDIT_ACTIONS = ['read', 'search', 'create', 'update', 'delete', 'export', 'print'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Actions that change data; their entry must commit in the same transaction as the change. */
export const CHANGING_AUDIT_ACTIONS: readonly AuditAction[] = ['create', 'update', 'delete'];

/** Who acted. A {@link Principal} fits; jobs and consumers use a `system:<name>` user id and no roles. */
export interface AuditActor {
  userId: string;
  orgId: string;
  roles: readonly string[];
}

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  /** The kind of record touched, e.g. `referral`, `client`, `appointment`. */
  subjectType: string;
  subjectId: string;
  /** The client whose data it is, so "who looked at this client" is one query. */
  clientId?: string | null;
  /** Why, when the user gave a reason (e.g. "break glass" access, an export request). */
  reason?: string | null;
  correlationId: string;
  /** What changed or what was read; never copy clinical free text here, name the fields instead. */
  details?: Record<string, unknown>;
  /** From the injected clock; the database's transaction time when omitted. */
  occurredAt?: Date;
}

/** An entry as stored. */
export interface AuditRecord {
  id: string;
  occurredAt: Date;
  actorUserId: string;
  actorOrgId: string;
  actorRoles: string[];
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  clientId: string | null;
  reason: string | null;
  correlationId: string;
  details: Record<string, unknown>;
}

const text = z.string().trim().min(1).max(200);

export const auditEntrySchema = z.object({
  actor: z.object({ userId: text, orgId: text, roles: z.array(text) }),
  action: z.enum(AUDIT_ACTIONS),
  subjectType: text,
  subjectId: text,
  clientId: text.nullish(),
  reason: z.string().trim().min(1).max(2000).nullish(),
  correlationId: text,
  details: z.record(z.string(), z.unknown()).optional(),
  occurredAt: z.date().optional(),
});
