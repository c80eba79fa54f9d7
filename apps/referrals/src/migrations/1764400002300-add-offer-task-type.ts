import type { MigrationInterface, QueryRunner } from 'typeorm';

const TYPES = `'dna_follow_up', 'mdt_review', 'outcome_unknown', 'sms_reply', 'sms_delivery_failed',
  'sms_opted_out', 'rebook_needed'`;
const NEED_APPOINTMENT = `'dna_follow_up', 'outcome_unknown', 'rebook_needed'`;
const CAUSES = `WHEN 'dna_follow_up' THEN 'dna:_%' WHEN 'mdt_review' THEN 'mdt_review:_%'
  WHEN 'outcome_unknown' THEN 'outcome_unknown:_%' WHEN 'sms_reply' THEN 'reply:_%'
  WHEN 'sms_delivery_failed' THEN 'delivery_failed:_%' WHEN 'sms_opted_out' THEN 'opted_out:_%'
  WHEN 'rebook_needed' THEN 'rebook_needed:_%'`;

/**
 * Task type `inreach_offer` (issue 7): an in-reach offer the client cannot be texted about is their
 * keyworker's to tell them of, one task per offer (cause `offer:<offer id>`), naming the held
 * appointment the worker confirms or releases.
 */
export class AddOfferTaskType1764400002300 implements MigrationInterface {
  name = 'AddOfferTaskType1764400002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals"."task"
      DROP CONSTRAINT "task_type_check",
      ADD CONSTRAINT "task_type_check" CHECK ("type" IN (${TYPES}, 'inreach_offer')),
      DROP CONSTRAINT "task_cause_of_type",
      ADD CONSTRAINT "task_cause_of_type" CHECK ("cause" LIKE (CASE "type" ${CAUSES}
        WHEN 'inreach_offer' THEN 'offer:_%' END)),
      DROP CONSTRAINT "task_names_appointment",
      ADD CONSTRAINT "task_names_appointment" CHECK ("type" NOT IN (${NEED_APPOINTMENT}, 'inreach_offer')
        OR "appointment_id" IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The offer tasks go, with their contact attempts (append-only: its refusing trigger off for the
    // moment, as 1764400002000 did for the SMS history); their audit entries stay.
    await q.query(
      `ALTER TABLE "referrals"."task_contact_attempt" DISABLE TRIGGER "task_contact_attempt_append_only"`,
    );
    await q.query(`DELETE FROM "referrals"."task_contact_attempt" WHERE "task_id" IN
      (SELECT "id" FROM "referrals"."task" WHERE "type" = 'inreach_offer')`);
    await q.query(
      `ALTER TABLE "referrals"."task_contact_attempt" ENABLE TRIGGER "task_contact_attempt_append_only"`,
    );
    await q.query(`DELETE FROM "referrals"."task" WHERE "type" = 'inreach_offer'`);
    await q.query(`ALTER TABLE "referrals"."task"
      DROP CONSTRAINT "task_type_check",
      ADD CONSTRAINT "task_type_check" CHECK ("type" IN (${TYPES})),
      DROP CONSTRAINT "task_cause_of_type",
      ADD CONSTRAINT "task_cause_of_type" CHECK ("cause" LIKE (CASE "type" ${CAUSES} END)),
      DROP CONSTRAINT "task_names_appointment",
      ADD CONSTRAINT "task_names_appointment" CHECK ("type" NOT IN (${NEED_APPOINTMENT})
        OR "appointment_id" IS NOT NULL)`);
  }
}
