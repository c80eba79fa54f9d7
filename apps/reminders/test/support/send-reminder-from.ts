import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER, type RunningServices } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
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

/**
 * SendReminder wired as sendReminderFrom wires it, that runs `between` after committing the text
 * `sending` and before its send transaction: a change committed there is what the re-check must see.
 */
export function sendReminderPausingBeforeSend(
  running: RunningServices,
  between: () => Promise<unknown>,
): SendReminder {
  class PausingSendReminder extends SendReminder {
    private transactions = 0;

    protected override async transaction<T>(
      runner: QueryRunner,
      work: (manager: EntityManager) => Promise<T>,
    ): Promise<T> {
      if (++this.transactions === 2) await between();
      return super.transaction(runner, work);
    }
  }
  return sendReminderFrom(running, { Type: PausingSendReminder });
}
