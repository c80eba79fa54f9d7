import { z } from 'zod';

/**
 * The steps of a reminder plan: a confirmation when booked, then reminders before the appointment.
 * `offer` is the one text of a held in-reach offer (reply YES to take it); `missed` the one kind text
 * after a missed appointment (reply YES for help to book a new one).
 */
export const REMINDER_STEPS = [
  'offer',
  'confirmation',
  'three_days_before',
  'evening_before',
  'two_hours_before',
  'missed',
] as const;
export const reminderStepSchema = z.enum(REMINDER_STEPS);
export type ReminderStep = z.infer<typeof reminderStepSchema>;

/** Our own delivery statuses, whatever gateway sent the message. */
export const SMS_STATUSES = ['queued', 'sent', 'delivered', 'undelivered', 'failed'] as const;
export const smsStatusSchema = z.enum(SMS_STATUSES);
export type SmsStatus = z.infer<typeof smsStatusSchema>;

/** What a client's reply was taken to mean. `other` goes to the keyworker to read. */
export const REPLY_INTENTS = ['confirm', 'rebook', 'opt_out', 'other'] as const;
export const replyIntentSchema = z.enum(REPLY_INTENTS);
export type ReplyIntent = z.infer<typeof replyIntentSchema>;
