import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, assertVisibleTo, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { toNeedView, type NeedView } from './need.dto';
import { Need } from './need.entity';
import { NeedError } from './need.errors';
import { NeedStatusChange } from './need-status-change.entity';

/** Reads one need of the caller's organisation with its status history; the read is audited. */
@Injectable()
export class GetNeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async execute(principal: Principal, needId: string): Promise<NeedView> {
    return this.dataSource.transaction(async (manager) => {
      const need = await manager.findOneBy(Need, { id: needId });
      assertVisibleTo(
        principal,
        need,
        () => new NeedError('NEED_NOT_FOUND', { detail: `No need ${needId}` }),
      );
      const history = await manager
        .createQueryBuilder(NeedStatusChange, 'c')
        .where('c.needId = :needId', { needId })
        .orderBy('c.seq', 'ASC')
        .getMany();
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'read',
        subjectType: 'need',
        subjectId: need.id,
        clientId: need.clientId,
        correlationId: currentCorrelation()?.correlationId ?? need.id,
      });
      return toNeedView(need, history);
    });
  }
}
