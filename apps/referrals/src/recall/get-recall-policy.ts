import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { loadRecallPolicy } from './load-recall-policy';
import type { CheckPolicyView } from './recall.dto';

/** The caller's organisation's recall policy: which checks apply and how often. Not client data. */
@Injectable()
export class GetRecallPolicy {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<CheckPolicyView[]> {
    return loadRecallPolicy(this.dataSource.manager, principal.orgId);
  }
}
