import { randomUUID } from 'node:crypto';
import { RoomModule } from '../../src/room/room.module';
import { ServiceModule } from '../../src/service/service.module';
import { eventsInOutbox } from '../support/events-in-outbox';
import { aCdasOrgId, aCoordinator, aDrugWorker, aKnownSite, aServiceBody } from '../support/inreach-fixtures';
import { useInreachOverHttp } from '../support/inreach-over-http';

const PROBLEM = /^application\/problem\+json/;

/**
 * Setting up in-reach over HTTP with real tokens and Postgres: a CDAS's coordinator adds services and
 * rooms at its own sites, as booking announced them; everyone else is refused or sees nothing.
 */
describe('in-reach services and rooms over HTTP', () => {
  const api = useInreachOverHttp({
    database: 'inreach_services_rooms',
    modules: [ServiceModule, RoomModule],
  });
  const riverside = aCdasOrgId();
  const coordinator = aCoordinator(riverside);
  const keyworker = aDrugWorker(riverside);
  const northgateCoordinator = aCoordinator(aCdasOrgId());
  const hospitalAdmin = aCoordinator('org-st-elsewhere', { roles: ['admin'], orgKind: 'hospital' });
  let siteId: string;

  beforeAll(async () => {
    siteId = (await aKnownSite(api.dataSource, { orgId: riverside, name: 'High Street hub' })).siteId;
  });

  it('a coordinator sets up a service at its own CDAS site; staff of the CDAS read it, with its series', async () => {
    const created = await api.call(coordinator, 'POST', '/inreach/services', aServiceBody(siteId));
    expect(created).toMatchObject({
      status: 201,
      body: {
        hostOrgId: riverside,
        siteId,
        siteName: 'High Street hub',
        name: 'Hepatitis C treatment',
        serviceType: 'hepatitis_c',
        providerName: 'St Elsewhere Hepatology',
        providerOrgId: null,
      },
    });
    const id = created.body['id'] as string;
    expect((await api.call(keyworker, 'GET', `/inreach/services/${id}`)).body).toEqual({
      ...created.body,
      series: [],
    });
    expect((await api.call(keyworker, 'GET', `/inreach/services?siteId=${siteId}`)).body).toEqual([
      created.body,
    ]);
  });

  it('answers a repeated create with the same Idempotency-Key with the first service, and a second one by name with 409', async () => {
    const body = aServiceBody(siteId, { name: 'Wound care', serviceType: 'wound_care' });
    const key = randomUUID();
    const first = await api.call(coordinator, 'POST', '/inreach/services', body, { 'Idempotency-Key': key });
    const again = await api.call(coordinator, 'POST', '/inreach/services', body, { 'Idempotency-Key': key });
    expect(again).toMatchObject({ status: 201, replayed: 'true', body: first.body });
    const duplicate = await api.call(coordinator, 'POST', '/inreach/services', body);
    expect(duplicate).toMatchObject({ status: 409, body: { code: 'SERVICE_NAME_TAKEN' } });
    expect(duplicate.contentType).toMatch(PROBLEM);
    // Announced once: neither the replay nor the refused duplicate adds an event.
    const announced = await eventsInOutbox(api.dataSource, { type: 'inreach.service-registered.v1' });
    expect(announced.filter((e) => e.data['name'] === 'Wound care').map((e) => e.subjectId)).toEqual([
      first.body['id'],
    ]);
  });

  it('announces a new service to referrals (inreach.service-registered.v1) in the same transaction', async () => {
    const created = await api.call(
      coordinator,
      'POST',
      '/inreach/services',
      aServiceBody(siteId, { name: 'Respiratory review', serviceType: 'respiratory' }),
    );
    const id = created.body['id'] as string;
    const [event] = await eventsInOutbox(api.dataSource, { key: id, type: 'inreach.service-registered.v1' });
    expect(event).toMatchObject({
      orgId: riverside,
      actor: { kind: 'user', id: coordinator.userId },
      data: {
        serviceId: id,
        hostOrgId: riverside,
        siteId,
        name: 'Respiratory review',
        serviceType: 'respiratory',
        providerName: 'St Elsewhere Hepatology',
        registeredAt: created.body['createdAt'],
      },
    });
  });

  it('refuses a host site that is not one of the caller’s own CDAS sites, the same way whatever the reason', async () => {
    const northgateSite = await aKnownSite(api.dataSource, { orgId: northgateCoordinator.orgId });
    const ownHospitalSite = await aKnownSite(api.dataSource, { orgId: riverside, orgKind: 'hospital' });
    for (const refused of [northgateSite.siteId, ownHospitalSite.siteId, randomUUID()]) {
      const answer = await api.call(coordinator, 'POST', '/inreach/services', aServiceBody(refused));
      expect(answer).toMatchObject({
        status: 422,
        body: { code: 'SITE_NOT_HOSTABLE', errors: [{ path: 'siteId', in: 'body' }] },
      });
    }
    const rooms = await api.call(coordinator, 'POST', '/inreach/rooms', {
      siteId: northgateSite.siteId,
      name: 'Room 1',
    });
    expect(rooms).toMatchObject({ status: 422, body: { code: 'SITE_NOT_HOSTABLE' } });
    const stored: unknown[] = await api.dataSource.query(
      `SELECT 1 FROM inreach.inreach_service WHERE site_id = ANY($1::uuid[])`,
      [[northgateSite.siteId, ownHospitalSite.siteId]],
    );
    expect(stored).toEqual([]);
  });

  it('answers a bad body with 400 naming every field at fault', async () => {
    const answer = await api.call(coordinator, 'POST', '/inreach/services', {
      siteId: 'not-a-uuid',
      name: '',
      serviceType: 'hepatitis_c',
      providerName: 'St Elsewhere Hepatology',
      colour: 'green',
    });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(PROBLEM);
    const paths = (answer.body['errors'] as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['name', 'siteId']));
    expect(JSON.stringify(answer.body['errors'])).toContain('colour');
  });

  it('keeps other organisations out: 404 for their service, nothing in their lists, 403 outside a CDAS', async () => {
    const mine = await api.call(
      coordinator,
      'POST',
      '/inreach/services',
      aServiceBody(siteId, { name: 'Respiratory' }),
    );
    const theirs = await api.call(northgateCoordinator, 'GET', `/inreach/services/${mine.body['id']}`);
    expect(theirs).toMatchObject({ status: 404, body: { code: 'SERVICE_NOT_FOUND' } });
    expect((await api.call(northgateCoordinator, 'GET', '/inreach/services')).body).toEqual([]);
    expect((await api.call(hospitalAdmin, 'GET', '/inreach/services')).status).toBe(403);
    expect((await api.call(coordinator, 'GET', `/inreach/services/${randomUUID()}`)).status).toBe(404);
  });

  it('lets any member of the CDAS read but only coordinators, managers and admins set up', async () => {
    const refused = await api.call(
      keyworker,
      'POST',
      '/inreach/services',
      aServiceBody(siteId, { name: 'Sexual health' }),
    );
    expect(refused.status).toBe(403);
    const manager = aCoordinator(riverside, { roles: ['service_manager'] });
    expect(
      (await api.call(manager, 'POST', '/inreach/rooms', { siteId, name: 'Managers room' })).status,
    ).toBe(201);
  });

  it('adds rooms at a site with names unique per site, and lists them by site', async () => {
    const otherSite = await aKnownSite(api.dataSource, { orgId: riverside, name: 'Station Road hub' });
    const clinicRoom = await api.call(coordinator, 'POST', '/inreach/rooms', {
      siteId,
      name: 'Clinic room 2',
    });
    expect(clinicRoom).toMatchObject({
      status: 201,
      body: { siteId, siteName: 'High Street hub', name: 'Clinic room 2' },
    });
    const taken = await api.call(coordinator, 'POST', '/inreach/rooms', { siteId, name: 'Clinic room 2' });
    expect(taken).toMatchObject({ status: 409, body: { code: 'ROOM_NAME_TAKEN' } });
    const sameNameElsewhere = await api.call(coordinator, 'POST', '/inreach/rooms', {
      siteId: otherSite.siteId,
      name: 'Clinic room 2',
    });
    expect(sameNameElsewhere.status).toBe(201);

    const atStation = await api.call(keyworker, 'GET', `/inreach/rooms?siteId=${otherSite.siteId}`);
    expect(atStation.body).toEqual([sameNameElsewhere.body]);
    expect((await api.call(northgateCoordinator, 'GET', '/inreach/rooms')).body).toEqual([]);
    expect((await api.call(coordinator, 'GET', '/inreach/rooms?siteId=nope')).status).toBe(400);
  });
});
