import { randomUUID } from 'node:crypto';
import type { EventData, siteRegisteredV1 } from '@careloop/contracts';
import { ManualClock } from '@careloop/time';
import { Outbox } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { CreateSite } from '../../src/organisation/create-site';
import { RegisterOrganisation } from '../../src/organisation/register-organisation';
import { useBookingDatabase } from '../support/booking-database';
import { aClinicAdmin, aPrincipal } from '../support/booking-fixtures';
import { eventsInOutbox } from '../support/events-in-outbox';

type SiteRegistered = EventData<typeof siteRegisteredV1>;

/**
 * Booking announces every site it adds (in-reach places its rooms at CDAS sites from these), in the
 * transaction that adds it: once per site, never for a refused or repeated request.
 */
describe('site.registered.v1 when an organisation adds a site', () => {
  const db = useBookingDatabase('booking_site_registered');
  const clock = new ManualClock('2030-01-07T09:00:00Z');
  let register: RegisterOrganisation;
  let createSite: CreateSite;

  beforeAll(() => {
    register = new RegisterOrganisation(db.dataSource, clock);
    createSite = new CreateSite(db.dataSource, new Outbox(BOOKING_SCHEMA, clock), clock);
  });

  const announced = (siteId?: string) =>
    eventsInOutbox<SiteRegistered>(db.dataSource, { key: siteId, type: 'site.registered.v1' });

  it('a CDAS adding a site announces it once, with its organisation’s name and kind; a replayed key or a 409 announces nothing', async () => {
    const manager = aPrincipal({ orgId: `org-cdas-${randomUUID().slice(0, 8)}`, roles: ['service_manager'] });
    await register.execute(manager, { name: 'Riverside Recovery Service' });
    const body = { name: 'Riverside House', address: '12 High Street, Exampletown' };
    const key = randomUUID();

    const created = await createSite.execute(manager, body, key);
    const replayed = await createSite.execute(manager, body, key);
    await expect(createSite.execute(manager, body, undefined)).rejects.toMatchObject({
      code: 'SITE_NAME_TAKEN',
    });

    expect(replayed).toEqual({ replayed: true, result: created.result });
    const events = await announced(created.result.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'site.registered.v1',
      orgId: manager.orgId,
      subjectId: created.result.id,
      actor: { kind: 'user', id: manager.userId },
      occurredAt: '2030-01-07T09:00:00.000Z',
      data: {
        siteId: created.result.id,
        orgId: manager.orgId,
        orgName: 'Riverside Recovery Service',
        orgKind: 'cdas',
        name: 'Riverside House',
        address: '12 High Street, Exampletown',
      },
    });
  });

  it('announces any organisation’s sites with its kind; in-reach decides which may host', async () => {
    const admin = aClinicAdmin({ orgId: `org-hospital-${randomUUID().slice(0, 8)}` });
    await register.execute(admin, { name: 'St Elsewhere Hospital NHS Trust' });
    const { result } = await createSite.execute(
      admin,
      { name: 'Outpatients B', address: 'Lower Road' },
      undefined,
    );
    expect((await announced(result.id)).map((e) => e.data)).toEqual([
      {
        siteId: result.id,
        orgId: admin.orgId,
        orgName: 'St Elsewhere Hospital NHS Trust',
        orgKind: 'hospital',
        name: 'Outpatients B',
        address: 'Lower Road',
      },
    ]);
  });

  it('an organisation not registered yet adds no site and announces nothing', async () => {
    const stranger = aPrincipal({ orgId: `org-unregistered-${randomUUID().slice(0, 8)}` });
    const before = (await announced()).length;
    await expect(
      createSite.execute(stranger, { name: 'Somewhere', address: '1 Road' }, undefined),
    ).rejects.toMatchObject({ code: 'ORGANISATION_NOT_REGISTERED' });
    expect(await announced()).toHaveLength(before);
  });
});
