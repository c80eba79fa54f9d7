import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { ClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { loadRecallFacts } from './load-recall-facts';
import { loadRecallPolicy } from './load-recall-policy';
import { londonToday } from './recall-due';
import { recallItems, withRegistration } from './recall-items';
import { toCheckView, type ClientRecallView } from './recall.dto';
import { RecallCheck } from './recall-check.entity';
import { RecallError } from './recall.errors';

/** One client's recall: every applicable check with its standing today, and the checks done. Audited. */
@Injectable()
export class GetClientRecall {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clients: ClientDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, clientId: string, dueSoonDays = 30): Promise<ClientRecallView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.clients.exists(manager, principal.orgId, clientId))) {
        throw new RecallError('CLIENT_NOT_FOUND', { detail: `No client ${clientId}` });
      }
      const today = londonToday(this.clock.now());
      const policy = await loadRecallPolicy(manager, principal.orgId);
      const registered = await this.clients.clients(manager, principal.orgId, { clientId });
      const facts = withRegistration(await loadRecallFacts(manager, principal.orgId, clientId), registered);
      const history = await manager.find(RecallCheck, {
        where: { orgId: principal.orgId, clientId },
        order: { doneOn: 'DESC', recordedAt: 'DESC' },
      });
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'read',
        subjectType: 'recall',
        subjectId: clientId,
        clientId,
        correlationId: currentCorrelation()?.correlationId ?? clientId,
      });
      return {
        clientId,
        today,
        checks: recallItems([clientId], policy, facts, today, dueSoonDays),
        history: history.map(toCheckView),
      };
    });
  }
}
