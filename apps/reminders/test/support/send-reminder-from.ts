import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER, type RunningServices } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { DataSource } from 'typeorm';
import { SMS_GATEWAY, type SmsGateway } from '../../src/gateway/sms-gateway';
import { ReminderPlans } from '../../src/plan/reminder-plans';
import { REMINDERS_POLICY, type RemindersPolicy } from '../../src/reminders-policy';
import { SendReminder } from '../../src/sending/send-reminder';
import { ReminderWording } from '../../src/wording/reminder-wording';

/**
 * SendReminder wired from the running service's own providers, as its module wires it; or a subclass a
 * spec makes to pause or break it (`Type`), or one that sends through another `gateway`.
 */
export function sendReminderFrom(
  running: RunningServices,
  options: { Type?: typeof SendReminder; gateway?: SmsGateway } = {},
): SendReminder {
  const app = running.app;
  const Type = options.Type ?? SendReminder;
  return new Type(
    app.get(DataSource),
    app.get(Outbox),
    app.get(ReminderPlans),
    app.get(ReminderWording),
    options.gateway ?? app.get<SmsGateway>(SMS_GATEWAY),
    app.get<RemindersPolicy>(REMINDERS_POLICY),
    app.get<Clock>(CLOCK),
    app.get<Logger>(APP_LOGGER),
  );
}
