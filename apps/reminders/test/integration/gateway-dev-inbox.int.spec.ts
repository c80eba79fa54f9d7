import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

const RIVERSIDE = 'org-riverside-cdas';
const HILLTOP = 'org-hilltop-cdas';

const staff = (
  roles: Principal['roles'],
  orgId = RIVERSIDE,
  orgKind: Principal['orgKind'] = 'cdas',
): Principal => ({
  userId: `user-${randomUUID()}`,
  name: 'Alex Morgan',
  roles,
  orgId,
  orgKind,
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

  /** A text an organisation sends through the inbox, referenced by its sms_message row as sending does. */
  const sendAs = async (service: RunningServices, orgId: string, to: string, body: string) => {
    const id = randomUUID();
    await service.app.get(DataSource).query(
      `INSERT INTO "reminders"."sms_message" ("id", "client_id", "org_id", "to", "body", "encoding", "segments",
         "gateway", "status", "created_at", "status_updated_at")
       VALUES ($1, $2, $3, $4, $5, 'GSM-7', 1, 'dev_inbox', 'sending', now(), now())`,
      [id, randomUUID(), orgId, to, body],
    );
    await service.app.get<SmsGateway>(SMS_GATEWAY).send({ to, body, reference: id });
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
    expect(service.app.get(SMS_GATEWAY)).toBeInstanceOf(DevInboxGateway);
    await sendAs(service, RIVERSIDE, '+447700900123', 'See you Tue 3 Jun at 10:30');
    await sendAs(service, RIVERSIDE, '+447700900456', 'Someone else');
    await sendAs(service, RIVERSIDE, '+447700900123', 'Reminder: tomorrow at 10:30');

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

  it('shows each drug service only the texts it sent its own clients', async () => {
    const service = await start({ SMS_GATEWAY: 'dev_inbox' });
    await sendAs(service, RIVERSIDE, '+447700900123', 'Riverside: see you at 10:30');
    await sendAs(service, HILLTOP, '+447700900456', 'Hilltop: see you at 14:00');
    await sendAs(service, HILLTOP, '+447700900123', 'Hilltop: same number, other service');
    // Sent with no sms_message behind it: nobody's, so shown to nobody.
    await service.app.get<SmsGateway>(SMS_GATEWAY).send({ to: '+447700900123', body: 'Unreferenced' });

    const bodies = async (who: Principal, path = '/dev/sms-inbox') =>
      ((await get(service, who, path)).body as { body: string }[]).map((m) => m.body);

    expect(await bodies(staff(['drug_worker'], RIVERSIDE))).toEqual(['Riverside: see you at 10:30']);
    expect(await bodies(staff(['admin'], HILLTOP))).toEqual([
      'Hilltop: see you at 14:00',
      'Hilltop: same number, other service',
    ]);
    expect(await bodies(staff(['admin'], HILLTOP), '/dev/sms-inbox?to=07700900123')).toEqual([
      'Hilltop: same number, other service',
    ]);
    expect(await bodies(staff(['admin'], 'org-empty-cdas'))).toEqual([]);
  });

  it('refuses other roles, staff of other kinds of organisation and a number that is not a UK mobile', async () => {
    const service = await start({ SMS_GATEWAY: 'dev_inbox' });
    await sendAs(service, RIVERSIDE, '+447700900123', 'See you at 10:30');

    expect((await get(service, staff(['nurse']), '/dev/sms-inbox')).status).toBe(403);
    const gp = await get(service, staff(['admin'], RIVERSIDE, 'gp_practice'), '/dev/sms-inbox');
    expect(gp.status).toBe(403);
    expect(JSON.stringify(gp.body)).not.toContain('10:30');
    const bad = await get(service, staff(['drug_worker']), '/dev/sms-inbox?to=01632960123');
    expect(bad.status).toBe(400);
  });

  it('does not exist when texts really go out', async () => {
    const service = await start({
      SMS_GATEWAY: 'twilio',
      TWILIO_ACCOUNT_SID: twilioSid('AC'),
      TWILIO_AUTH_TOKEN: 'a-twilio-auth-token-000',
      TWILIO_MESSAGING_SERVICE_SID: twilioSid('MG'),
      PUBLIC_BASE_URL: 'https://reminders.careloop.test',
    });
    expect(service.app.get(SMS_GATEWAY)).toBeInstanceOf(TwilioSmsGateway);

    expect((await get(service, staff(['admin']), '/dev/sms-inbox')).status).toBe(404);
  });
});
