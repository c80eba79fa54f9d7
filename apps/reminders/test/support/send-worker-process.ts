/**
 * A reminders process that only sends: SendingModule's worker on the 'reminders' queue, as a real
 * child process the kill test can SIGKILL mid-send (`node -r @swc-node/register <this file>`, cwd the
 * repository root). Configured by the runtime's environment keys (DATABASE_URL, REDIS_URL,
 * REDIS_PREFIX, SMS_GATEWAY and its keys...) plus:
 * - SEND_WORKER_NOW: the instant its clock stands at (ISO 8601), the test's own;
 * - SEND_WORKER_HOLD_TO: numbers (comma-separated, E.164) whose sends stop just before the request
 *   leaves, after the text was committed as `sending`, logging "send held before the gateway call":
 *   a crash between the commit and the request;
 * - SEND_WORKER_STALL_AFTER_MS: how soon its jobs go to another worker once it is dead (StallOptions of
 *   @careloop/scheduling; default BullMQ's 30 s), so a kill test need not wait a minute.
 * Logs JSON lines on stdout, and "send worker ready" once it takes jobs as configured.
 */
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { z } from 'zod';
import { list, loadConfig } from '@careloop/config';
import { MessagingModule } from '@careloop/messaging';
import { loadRuntimeConfig, startServices } from '@careloop/runtime';
import type { StallOptions } from '@careloop/scheduling';
import { ManualClock } from '@careloop/time';
import { SMS_GATEWAY, type SmsGateway } from '../../src/gateway/sms-gateway';
import { RemindersPolicyModule } from '../../src/reminders-policy.module';
import { REMINDERS_SCHEMA } from '../../src/reminders-schema';
import { remindersService } from '../../src/reminders.service';
import { DEFAULT_SEND_JOB_POLICY, type SendJobPolicy } from '../../src/sending/send-job-policy';
import { SendingModule } from '../../src/sending/sending.module';

const HELD_SEND_LOG = 'send held before the gateway call';

@Module({})
class SendWorkerOnly {}

/** Reminders with only its sending part, working the queue under `policy`. */
function sendWorkerOnly(policy: SendJobPolicy): DynamicModule {
  return {
    module: SendWorkerOnly,
    imports: [
      MessagingModule.forService(REMINDERS_SCHEMA),
      RemindersPolicyModule,
      SendingModule.withJobPolicy(policy),
    ],
  };
}

const sendWorkerConfigSchema = z.object({
  SEND_WORKER_NOW: z.iso.datetime({ offset: true }).optional(),
  SEND_WORKER_HOLD_TO: list(z.string().regex(/^\+\d{8,15}$/, 'must be E.164')).default([]),
  SEND_WORKER_STALL_AFTER_MS: z.coerce.number<string>().int().min(100).optional(),
});

async function main(): Promise<void> {
  // An entry point, like a service's main.ts: the one place this process reads its environment.
  // eslint-disable-next-line no-restricted-syntax
  const env = process.env;
  const config = loadRuntimeConfig(env, { PORT: '0', HOST: '127.0.0.1' });
  const own = loadConfig(sendWorkerConfigSchema, env);
  // SendJobPolicy does not name StallOptions yet; the worker hands the scheduler its whole policy, and
  // the test checks the logged policy to make sure the stall time reached it.
  const policy: SendJobPolicy & StallOptions = {
    ...DEFAULT_SEND_JOB_POLICY,
    ...(own.SEND_WORKER_STALL_AFTER_MS ? { stallAfterMs: own.SEND_WORKER_STALL_AFTER_MS } : {}),
  };
  const module = sendWorkerOnly(policy);
  const running = await startServices([{ ...remindersService, module }], config, {
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
