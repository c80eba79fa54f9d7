import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { ClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { ClientSmsPage, ClientSmsView, ListClientSmsQuery } from './client-sms.dto';
import { SmsError } from './sms.errors';

const S = `"${REFERRALS_SCHEMA}"`;

type Row = Omit<ClientSmsView, 'at'> & { at: Date | string; total: number };

/**
 * A client's SMS history (texts sent, not delivered, replies), newest first, a page at a time; only
 * the caller's organisation's client, and the read is audited.
 */
@Injectable()
export class ListClientSms {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
  ) {}

  async execute(principal: Principal, clientId: string, query: ListClientSmsQuery): Promise<ClientSmsPage> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.clients.exists(manager, principal.orgId, clientId))) {
        throw new SmsError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` });
      }
      const rows: Row[] = await manager.query(
        `SELECT s."id"::text AS "id", s."kind", s."at", s."message_id"::text AS "messageId",
                s."appointment_id"::text AS "appointmentId", s."step", COALESCE(s."text", sent."text") AS "text",
                s."intent", s."outcome", s."error_code" AS "errorCode", count(*) OVER ()::int AS "total"
           FROM ${S}."client_sms" s
           LEFT JOIN ${S}."client_sms" sent
             ON sent."kind" = 'sent' AND sent."message_id" = s."message_id" AND sent."client_id" = s."client_id"
            AND s."kind" = 'delivery_failed'
          WHERE s."org_id" = $1 AND s."client_id" = $2
          ORDER BY s."at" DESC, s."id" DESC
          LIMIT $3 OFFSET $4`,
        [principal.orgId, clientId, query.limit, query.offset],
      );
      const total =
        rows[0]?.total ?? (query.offset === 0 ? 0 : await this.count(manager, principal.orgId, clientId));
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'read',
        subjectType: 'client_sms',
        subjectId: clientId,
        clientId,
        correlationId: currentCorrelation()?.correlationId ?? clientId,
        details: { limit: query.limit, offset: query.offset, results: rows.length },
      });
      return {
        items: rows.map(({ total: _total, at, ...row }) => ({ ...row, at: new Date(at).toISOString() })),
        total,
        limit: query.limit,
        offset: query.offset,
      };
    });
  }

  /** The total when the page is past the end (the window count has no row to ride on). */
  private async count(manager: EntityManager, orgId: string, clientId: string): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM ${S}."client_sms" WHERE "org_id" = $1 AND "client_id" = $2`,
      [orgId, clientId],
    );
    return rows[0]!.n;
  }
}
