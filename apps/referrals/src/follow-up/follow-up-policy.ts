import type { RuntimeConfig } from '@careloop/runtime';

/** The follow-up rules' settings, from configuration (TASK_DNA_ESCALATION_THRESHOLD, default 2). */
export interface FollowUpPolicy {
  /**
   * The did-not-attend count on one referral (this one included) from which a missed appointment
   * raises a multidisciplinary review. Nothing is ever closed, discharged or barred automatically.
   */
  dnaEscalationThreshold: number;
}

export const FOLLOW_UP_POLICY = Symbol('FOLLOW_UP_POLICY');

export function followUpPolicyFrom(config: RuntimeConfig): FollowUpPolicy {
  return { dnaEscalationThreshold: config.TASK_DNA_ESCALATION_THRESHOLD };
}
