/**
 * A reminders process that only sends: SendingModule's worker on the 'reminders' queue, as a real
 * child process the kill test can SIGKILL mid-send (`node -r @swc-node/register <this file>`, cwd the
 * repository root). Configured by the runtime's environment keys (DATABASE_URL, REDIS_URL,
 * REDIS_PREFIX, SMS_GATEWAY and its keys...) plus:
 * - SEND_WORKER_NOW: the instant its clock stands at (ISO 8601), the test's own;
 * - SEND_WORKER_HOLD_TO: numbers (comma-separated, E.164) whose sends stop just before the request
 *   leaves, after the text was committed as `sending`, logging "send held before the gateway call":
 *   a crash between the commit and the request.
 * Logs JSON lines on stdout, and "send worker ready" once it takes jobs as configured.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { z } from 'zod';
import { list, loadConfig } from '@careloop/config';
import { MessagingModule } from '@careloop/messaging';
import { loadRuntimeConfig, startServices } from '@careloop/runtime';
import { ManualClock } from '@careloop/time';
import { SMS_GATEWAY, type SmsGateway } from '../../src/gateway/sms-gateway';
import { RemindersPolicyModule } from '../../src/reminders-policy.module';
import { REMINDERS_SCHEMA } from '../../src/reminders-schema';
import { remindersService } from '../../src/reminders.service';
import { SendingModule } from '../../src/sending/sending.module';

const HELD_SEND_LOG = 'send held before the gateway call';

@Module({ imports: [MessagingModule.forService(REMINDERS_SCHEMA), RemindersPolicyModule, SendingModule] })
class SendWorkerOnly {}

const sendWorkerConfigSchema = z.object({
  SEND_WORKER_NOW: z.iso.datetime({ offset: true }).optional(),
  SEND_WORKER_HOLD_TO: list(z.string().regex(/^\+\d{8,15}$/, 'must be E.164')).default([]),
});

async function main(): Promise<void> {
  // An entry point, like a service's main.ts: the one place this process reads its environment.
  // eslint-disable-next-line no-restricted-syntax
  const env = process.env;
  const config = loadRuntimeConfig(env, { PORT: '0', HOST: '127.0.0.1' });
  const own = loadConfig(sendWorkerConfigSchema, env);
  const running = await startServices([{ ...remindersService, module: SendWorkerOnly }], config, {
    ...(own.SEND_WORKER_NOW ? { clock: new ManualClock(own.SEND_WORKER_NOW) } : {}),
  });

  const held = new Set(own.SEND_WORKER_HOLD_TO);
  if (held.size > 0) {
    // The test publishes the bookings only once this process is ready, so no send starts before this.
    const gateway = running.app.get<SmsGateway>(SMS_GATEWAY);
    const send = gateway.send.bind(gateway);
    gateway.send = async (message) => {
      if (!held.has(message.to)) return send(message);
      running.logger.info({ messageId: message.reference }, HELD_SEND_LOG);
      return new Promise(() => undefined);
    };
  }
  running.logger.info({ held: held.size }, 'send worker ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
