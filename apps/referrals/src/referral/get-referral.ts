import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, assertVisibleTo, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { ReferralView } from './referral.dto';
import { Referral } from './referral.entity';
import { ReferralError } from './referral.errors';
import { ReferralStatusChange } from './referral-status-change.entity';
import { toReferralView } from './referral-view';

/** One referral of the caller's organisation with its history and the actions staff may take. Audited. */
@Injectable()
export class GetReferral {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, referralId: string): Promise<ReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await manager.findOneBy(Referral, { id: referralId });
      assertVisibleTo(
        principal,
        referral,
        () => new ReferralError('REFERRAL_NOT_FOUND', { detail: `No referral ${referralId}` }),
      );
      const history = await manager
        .createQueryBuilder(ReferralStatusChange, 'c')
        .where('c.referralId = :referralId', { referralId })
        .orderBy('c.seq', 'ASC')
        .getMany();
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'read',
        subjectType: 'referral',
        subjectId: referral.id,
        clientId: referral.clientId,
        correlationId: currentCorrelation()?.correlationId ?? referral.id,
      });
      return toReferralView(referral, this.clock.now(), history);
    });
  }
}
