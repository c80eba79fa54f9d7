import type { TimelineKind } from '../timeline-entry';
import type { TimelineSource } from '../timeline-source';
import { advocacyActionSource } from './advocacy-action.source';
import { appointmentSource } from './appointment.source';
import { needRecordedSource } from './need-recorded.source';
import { needStatusChangedSource } from './need-status-changed.source';
import { recallCheckSource } from './recall-check.source';
import { referralCreatedSource } from './referral-created.source';
import { referralStatusChangedSource } from './referral-status-changed.source';
import { smsDeliveryFailedSource } from '../../sms/sms-delivery-failed.source';
import { smsReplySource } from '../../sms/sms-reply.source';
import { smsSentSource } from '../../sms/sms-sent.source';
import { appointmentRescheduledSource } from '../../care-events/appointment-rescheduled.source';
import { rebookNeededSource } from '../../care-events/rebook-needed.source';
import { walkInSource } from '../../care-events/walk-in.source';
import { inreachOfferSource } from '../../care-events/inreach-offer.source';
import { taskCompletedSource } from './task-completed.source';
import { taskContactAttemptSource } from './task-contact-attempt.source';
import { taskCreatedSource } from './task-created.source';

/** One source per kind; the compiler checks none is missing. */
const BY_KIND: Record<TimelineKind, TimelineSource> = {
  need_recorded: needRecordedSource,
  need_status_changed: needStatusChangedSource,
  referral_created: referralCreatedSource,
  referral_status_changed: referralStatusChangedSource,
  appointment: appointmentSource,
  advocacy_action: advocacyActionSource,
  recall_check: recallCheckSource,
  sms_sent: smsSentSource,
  sms_delivery_failed: smsDeliveryFailedSource,
  sms_reply: smsReplySource,
  appointment_rescheduled: appointmentRescheduledSource,
  appointment_rebook_needed: rebookNeededSource,
  walk_in: walkInSource,
  inreach_offer: inreachOfferSource,
  task_created: taskCreatedSource,
  task_completed: taskCompletedSource,
  task_contact_attempt: taskContactAttemptSource,
};

export const TIMELINE_SOURCES: readonly TimelineSource[] = Object.values(BY_KIND);
export const TIMELINE_SOURCES_TOKEN = Symbol('TIMELINE_SOURCES');
