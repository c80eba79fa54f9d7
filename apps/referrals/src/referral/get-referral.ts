import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, assertVisibleTo, type Principal } from '@careloop/auth';
import { currentCorrelation } from '@careloop/observability';
import { toReferralView, type ReferralView } from './referral.dto';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { Referral } from './referral.entity';
import { ReferralError } from './referral.errors';

/** Reads one referral of the caller's organisation; the read is audited like every client record read. */
@Injectable()
export class GetReferral {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async execute(principal: Principal, referralId: string): Promise<ReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await manager.findOneBy(Referral, { id: referralId });
      assertVisibleTo(
        principal,
        referral,
        () => new ReferralError('REFERRAL_NOT_FOUND', { detail: `No referral ${referralId}` }),
      );
      await this.audit.record(manager, REFERRALS_SCHEMA, {
        actor: principal,
        action: 'read',
        subjectType: 'referral',
        subjectId: referral.id,
        clientId: referral.clientId,
        correlationId: currentCorrelation()?.correlationId ?? referral.id,
      });
      return toReferralView(referral);
    });
  }
}
