import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertVisibleTo, AuditTrail, type Principal } from '@careloop/auth';
import { runIdempotently, type IdempotentOutcome } from '@careloop/http';
import { CLOCK, type Clock } from '@careloop/time';
import { auditReplay } from '../access/audit-replay';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { ReferralAction } from './lifecycle/referral-action';
import type { ReferralActionBody, ReferralView } from './referral.dto';
import { ReferralError } from './referral.errors';
import { ReferralTransitions } from './referral-transition';
import { toReferralView } from './referral-view';

/**
 * A member of staff moves a referral (sends it, records the provider's answer, an appointment they
 * learnt of outside Careloop, completes or closes it). The referral row is locked, so concurrent
 * actions run one after the other and each sees the other's result: none is lost.
 */
@Injectable()
export class ApplyReferralAction {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly transitions: ReferralTransitions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    referralId: string,
    body: ReferralActionBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<ReferralView>> {
    return this.dataSource.transaction(async (manager) => {
      const apply = async (): Promise<ReferralView> => {
        const referral = await this.transitions.lock(manager, referralId);
        assertVisibleTo(
          principal,
          referral,
          () => new ReferralError('REFERRAL_NOT_FOUND', { detail: `No referral ${referralId}` }),
        );
        const now = this.clock.now();
        const changed = await this.transitions.apply(manager, referral, {
          action: body as ReferralAction,
          source: 'staff',
          actor: principal,
          now,
        });
        return toReferralView(changed, now);
      };
      if (!idempotencyKey) return { result: await apply(), replayed: false };
      const outcome = await runIdempotently(
        manager,
        REFERRALS_SCHEMA,
        {
          scope: `${principal.orgId}:${principal.userId}:referral-action`,
          key: idempotencyKey,
          body: { referralId, ...body },
        },
        apply,
      );
      if (outcome.replayed) await auditReplay(this.audit, manager, principal, 'referral')(outcome.result);
      return outcome;
    });
  }
}
