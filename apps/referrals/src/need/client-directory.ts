import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/** A client as recall sees one: its id and, when the client context knows it, when it registered. */
export interface DirectoryClient {
  id: string;
  registeredAt: Date | null;
}

/** Narrows a client list to one keyworker's caseload, one site or one client. */
export interface ClientFilter {
  clientId?: string;
  keyworkerId?: string;
  siteId?: string;
}

/** What needs and recall ask about clients, behind a port: the client context owns `referrals.client`. */
export abstract class ClientDirectory {
  /** Whether the client exists in the organisation (another organisation's client: false). */
  abstract exists(manager: EntityManager, orgId: string, clientId: string): Promise<boolean>;
  /** The organisation's clients, for recall lists, ordered by id. */
  abstract clients(manager: EntityManager, orgId: string, filter?: ClientFilter): Promise<DirectoryClient[]>;
}

const S = `"${REFERRALS_SCHEMA}"`;

@Injectable()
export class SqlClientDirectory extends ClientDirectory {
  async exists(manager: EntityManager, orgId: string, clientId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM ${S}."client" WHERE "id" = $1 AND "org_id" = $2`,
      [clientId, orgId],
    );
    return rows.length > 0;
  }

  async clients(
    manager: EntityManager,
    orgId: string,
    filter: ClientFilter = {},
  ): Promise<DirectoryClient[]> {
    const rows: { id: string; created_at: Date }[] = await manager.query(
      `SELECT "id"::text AS id, "created_at" FROM ${S}."client"
        WHERE "org_id" = $1 AND ($2::text IS NULL OR "keyworker_id" = $2) AND ($3::text IS NULL OR "site_id" = $3)
          AND ($4::uuid IS NULL OR "id" = $4)
        ORDER BY 1`,
      [orgId, filter.keyworkerId ?? null, filter.siteId ?? null, filter.clientId ?? null],
    );
    return rows.map((r) => ({ id: r.id, registeredAt: new Date(r.created_at) }));
  }
}
