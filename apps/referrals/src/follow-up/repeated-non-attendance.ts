import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { endOfWorkingDay } from '@careloop/time';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { OpenTask } from '../task/open-task';
import { FOLLOW_UP_POLICY, type FollowUpPolicy } from './follow-up-policy';
import { mdtReviewSummary } from './follow-up-wording';

const S = `"${REFERRALS_SCHEMA}"`;

/** A missed appointment this service has just learnt of. */
export interface MissedAppointment {
  eventId: string;
  orgId: string;
  clientId: string;
  referralId: string;
  appointmentId: string;
  /** When the did-not-attend was recorded: the review is due 2 working days after. */
  recordedAt: Date;
}

/**
 * A new did-not-attend on a referral that now has TASK_DNA_ESCALATION_THRESHOLD or more of them (as this
 * service's copy of booking's appointments has them, this one included) and no open multidisciplinary
 * review raises one: urgent, the team's, due in 2 working days, caused by this appointment. It only
 * asks people to talk: nothing is closed, discharged or barred, and the referral is not touched.
 * Called once per missed appointment (OpenDnaFollowUp), so a DNA reported again never raises a review.
 */
@Injectable()
export class RaiseRepeatedNonAttendance {
  constructor(
    private readonly tasks: OpenTask,
    @Inject(FOLLOW_UP_POLICY) private readonly policy: FollowUpPolicy,
  ) {}

  async execute(manager: EntityManager, missed: MissedAppointment, now: Date): Promise<void> {
    // The referral's row lock (the appointment consumer takes it too) serialises its DNAs handled at
    // once: the second counts the first's. The open-review index keeps it to one review regardless.
    await manager.query(`SELECT 1 FROM ${S}."referral" WHERE "id" = $1 FOR UPDATE`, [missed.referralId]);
    const [{ n }] = (await manager.query(
      `SELECT count(*)::int AS n FROM ${S}."client_appointment" WHERE "referral_id" = $1 AND "status" = 'did_not_attend'`,
      [missed.referralId],
    )) as [{ n: number }];
    if (n < this.policy.dnaEscalationThreshold) return;
    // The table keeps one open review per referral: with one open, this inserts nothing.
    await this.tasks.execute(
      manager,
      {
        cause: `mdt_review:${missed.appointmentId}`,
        type: 'mdt_review',
        orgId: missed.orgId,
        clientId: missed.clientId,
        referralId: missed.referralId,
        appointmentId: missed.appointmentId,
        summary: mdtReviewSummary(n),
        priority: 'urgent',
        dueAt: endOfWorkingDay(missed.recordedAt, 2),
        assignTo: 'team',
        detail: { didNotAttend: n, threshold: this.policy.dnaEscalationThreshold },
        causedBy: missed.eventId,
      },
      now,
    );
  }
}
