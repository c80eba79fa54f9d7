import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { NeedStatus } from '@careloop/contracts';
import { changeNeedStatus } from '../need/need-lifecycle';
import { Need } from '../need/need.entity';
import { NeedStatusWriter } from '../need/need-status-writer';
import { ReferralError } from './referral.errors';

/** A need can be referred while it is still a problem: not once resolved. */
const REFERRABLE: readonly NeedStatus[] = ['open', 'referred', 'being_treated'];

/**
 * The need side of creating a referral, in the referral's transaction: checks the need is the client's
 * and still referrable, and moves it to `referred` when the need context's lifecycle allows (an open
 * need; a need already referred or being treated stays as it is), written as the need context writes
 * every status change.
 */
@Injectable()
export class ReferNeed {
  constructor(private readonly writer: NeedStatusWriter) {}

  async execute(
    manager: EntityManager,
    principal: Principal,
    clientId: string,
    needId: string,
    now: Date,
  ): Promise<Need> {
    const need = await manager.findOne(Need, { where: { id: needId }, lock: { mode: 'pessimistic_write' } });
    if (!need || need.orgId !== principal.orgId || need.clientId !== clientId) {
      throw new ReferralError('NEED_NOT_FOUND', {
        detail: `Client ${clientId} has no need ${needId}`,
        extensions: {
          errors: [{ path: 'needId', message: "is not one of this client's needs", in: 'body' }],
        },
      });
    }
    if (!REFERRABLE.includes(need.status)) {
      throw new ReferralError('NEED_NOT_REFERRABLE', {
        detail: `A ${need.status.replace(/_/g, ' ')} need cannot be referred; reopen it first`,
        extensions: { needStatus: need.status },
      });
    }
    const transition = changeNeedStatus(need.status, 'referred');
    if (!transition.ok) return need;
    return this.writer.write(manager, principal, need, transition.to, 'Referred', now);
  }
}
