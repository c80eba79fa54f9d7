import { randomUUID } from 'node:crypto';
import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { inreachService } from '../../src/inreach.service';
import { inreachMigrations } from '../../src/migrations';
import { AnnounceServicesAtBoot } from '../../src/service/announce-services-at-boot';
import { ServiceModule } from '../../src/service/service.module';
import { eventsInOutbox } from '../support/events-in-outbox';
import { aCdasOrgId, aCoordinator, aKnownSite, aServiceBody } from '../support/inreach-fixtures';
import { useInreachOverHttp } from '../support/inreach-over-http';

const silent = { info: () => undefined, warn: () => undefined };

/**
 * In-reach started on a database from before it announced its services (inreach.service-registered.v1,
 * which referrals needs before it refers anyone to a service): migration 1764400004200 leaves the
 * service unannounced, and in-reach announces it through its outbox as it starts, once.
 */
describe('in-reach announces services made before it announced them, when it starts', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const env: Record<string, string> = {};
  const orgId = aCdasOrgId();
  const earlier = { id: randomUUID(), createdAt: new Date('2026-01-15T09:30:00Z') };
  let siteId: string;
  let testDb: TestDatabase | undefined;

  // Before in-reach starts: the database as the migrations before 1764400004200 left it, with a service.
  beforeAll(async () => {
    testDb = await createTestDatabase('inreach_service_announcement');
    env['DATABASE_URL'] = testDb.url;
    const before = await Database.open({ url: testDb.url, logger: silent }, [
      { ...inreachService.database, migrations: inreachMigrations.slice(0, -1) },
    ]);
    try {
      siteId = (await aKnownSite(before.dataSource, { orgId })).siteId;
      await before.dataSource.query(
        `INSERT INTO inreach.inreach_service (id, host_org_id, site_id, name, service_type, provider_name,
           provider_org_id, created_by, created_at)
         VALUES ($1, $2, $3, 'Hepatitis C treatment', 'hepatitis_c', 'St Elsewhere Hepatology', NULL,
           'user-priya', $4)`,
        [earlier.id, orgId, siteId, earlier.createdAt],
      );
    } finally {
      await before.close();
    }
  }, 60_000);

  const api = useInreachOverHttp({ modules: [ServiceModule], clock, env });

  afterAll(async () => {
    await testDb?.drop();
  });

  const registrations = () => eventsInOutbox(api.dataSource, { type: 'inreach.service-registered.v1' });
  const announcedAt = async (id: string) =>
    (
      (await api.dataSource.query(`SELECT announced_at FROM inreach.inreach_service WHERE id = $1`, [
        id,
      ])) as {
        announced_at: Date | null;
      }[]
    )[0]?.announced_at;

  it('announced the earlier service through the outbox as it started, as registered when it was made', async () => {
    expect(await registrations()).toEqual([
      expect.objectContaining({
        subjectId: earlier.id,
        orgId,
        actor: { kind: 'system', id: 'system:inreach-services' },
        occurredAt: '2026-03-02T08:00:00.000Z',
        data: {
          serviceId: earlier.id,
          hostOrgId: orgId,
          siteId,
          name: 'Hepatitis C treatment',
          serviceType: 'hepatitis_c',
          providerName: 'St Elsewhere Hepatology',
          registeredAt: '2026-01-15T09:30:00.000Z',
        },
      }),
    ]);
    expect(await announcedAt(earlier.id)).toEqual(clock.now());
  });

  it('announces nothing twice: a new service when it is made, and no service again at the next start', async () => {
    const created = await api.call(aCoordinator(orgId), 'POST', '/inreach/services', {
      ...aServiceBody(siteId, { name: 'Respiratory clinic', serviceType: 'respiratory' }),
    });
    expect(created.status).toBe(201);
    expect(await announcedAt(created.body['id'] as string)).toEqual(clock.now());

    clock.advance(3_600_000);
    const boot = api.running.app.get(AnnounceServicesAtBoot, { strict: false });
    expect(await boot.announceUnannounced()).toBe(0);
    await boot.onApplicationBootstrap();
    expect((await registrations()).map((e) => e.subjectId)).toEqual([earlier.id, created.body['id']]);
  });
});
