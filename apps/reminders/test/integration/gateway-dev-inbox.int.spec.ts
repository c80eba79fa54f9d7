import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { Principal } from '@careloop/auth';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import {
  createTestDatabase,
  startTestIdentityProvider,
  twilioSid,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import { DevInboxGateway } from '../../src/gateway/dev-inbox-gateway';
import { GatewayModule } from '../../src/gateway/gateway.module';
import { SMS_GATEWAY, type SmsGateway } from '../../src/gateway/sms-gateway';
import { TwilioSmsGateway } from '../../src/gateway/twilio-sms-gateway';
import { remindersService } from '../../src/reminders.service';

@Module({ imports: [GatewayModule] })
class GatewayOnly {}

const staff = (roles: Principal['roles']): Principal => ({
  userId: `user-${randomUUID()}`,
  name: 'Alex Morgan',
  roles,
  orgId: 'org-riverside-cdas',
  orgKind: 'cdas',
  siteIds: [],
});

/** GET /dev/sms-inbox over HTTP, with real tokens, in the service as configured by `env`. */
describe('the development inbox route', () => {
  let db: TestDatabase;
  let idp: TestIdentityProvider;
  const running: RunningServices[] = [];

  const start = async (env: Record<string, string>) => {
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      AUTH_ISSUER: idp.issuer,
      AUTH_JWKS_URL: idp.jwksUrl,
      ...env,
    });
    const service = await startServices(
      [{ ...remindersService, module: GatewayOnly, usesScheduler: false }],
      config,
    );
    running.push(service);
    return service;
  };

  const get = async (service: RunningServices, who: Principal, path: string) => {
    const response = await fetch(`${service.url}${path}`, {
      headers: { authorization: `Bearer ${await idp.tokenFor(who)}` },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    db = await createTestDatabase('reminders_gateway_dev_inbox');
    idp = await startTestIdentityProvider({ issuer: 'https://idp.careloop.test/' });
  }, 60_000);
  afterAll(async () => {
    for (const service of running) await service.close();
    await idp?.close();
    await db?.drop();
  });

  it('shows keyworkers and managers what would have been sent, oldest first, for one number or all', async () => {
    const service = await start({ SMS_GATEWAY: 'dev_inbox' });
    const gateway = service.app.get<SmsGateway>(SMS_GATEWAY);
    expect(gateway).toBeInstanceOf(DevInboxGateway);
    await gateway.send({ to: '+447700900123', body: 'See you Tue 3 Jun at 10:30' });
    await gateway.send({ to: '+447700900456', body: 'Someone else' });
    await gateway.send({ to: '+447700900123', body: 'Reminder: tomorrow at 10:30' });

    const all = await get(service, staff(['drug_worker']), '/dev/sms-inbox');
    expect(all.status).toBe(200);
    expect((all.body as { body: string }[]).map((m) => m.body)).toEqual([
      'See you Tue 3 Jun at 10:30',
      'Someone else',
      'Reminder: tomorrow at 10:30',
    ]);

    const toOne = await get(service, staff(['service_manager']), '/dev/sms-inbox?to=07700%20900123');
    expect(toOne).toEqual({
      status: 200,
      body: [
        expect.objectContaining({ to: '+447700900123', body: 'See you Tue 3 Jun at 10:30' }),
        expect.objectContaining({ to: '+447700900123', body: 'Reminder: tomorrow at 10:30' }),
      ],
    });
    // An unencoded '+' arrives as a space: still the same number.
    expect((await get(service, staff(['admin']), '/dev/sms-inbox?to=+447700900123')).body).toHaveLength(2);
  });

  it('refuses other roles and a number that is not a UK mobile', async () => {
    const service = await start({ SMS_GATEWAY: 'dev_inbox' });

    expect((await get(service, staff(['nurse']), '/dev/sms-inbox')).status).toBe(403);
    const bad = await get(service, staff(['drug_worker']), '/dev/sms-inbox?to=01632960123');
    expect(bad.status).toBe(400);
  });

  it('does not exist when texts really go out', async () => {
    const service = await start({
      SMS_GATEWAY: 'twilio',
      TWILIO_ACCOUNT_SID: twilioSid('AC'),
      TWILIO_AUTH_TOKEN: 'a-twilio-auth-token-000',
      TWILIO_MESSAGING_SERVICE_SID: twilioSid('MG'),
    });
    expect(service.app.get(SMS_GATEWAY)).toBeInstanceOf(TwilioSmsGateway);

    expect((await get(service, staff(['admin']), '/dev/sms-inbox')).status).toBe(404);
  });
});
