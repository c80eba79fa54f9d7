import { randomUUID } from 'node:crypto';
import { ManualClock } from '@careloop/time';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import { aClientEvent, aClientSnapshot, deliveredToInreach } from '../support/day-sheet-events';
import { aCdasOrgId, aServiceBody, aKnownSite } from '../support/inreach-fixtures';
import {
  anInreachReferral,
  anInreachReferralCreatedEvent,
  aReferralStatusChangedEvent,
} from '../support/offer-events';
import { OFFER_MODULES, offersDueAt } from '../support/waiting-clinic';

/**
 * Waiting-list entries from referrals' events, through the real consume pipeline (contract check,
 * inbox, one transaction per event) on the in-process bus and real Postgres.
 */
describe('in-reach waiting lists kept from referrals’ events', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const clinic = useCoordinatorAtASite({
    database: 'inreach_waiting_list_entries',
    clock,
    modules: OFFER_MODULES,
  });
  const { api, orgId: riverside } = clinic;

  const entryOf = async (referralId: string) =>
    (
      (await api.dataSource.query(
        `SELECT org_id, service_id, client_id, urgency, referral_status, status, referred_at, joined_at
           FROM inreach.waiting_list_entry WHERE referral_id = $1`,
        [referralId],
      )) as Record<string, unknown>[]
    )[0];
  const aService = async () => (await clinic.aServiceWithRoom()).serviceId;
  const referralTo = (serviceId: string, urgency: 'routine' | 'soon' | 'urgent' = 'soon') =>
    anInreachReferral({ orgId: riverside, clientId: randomUUID(), serviceId, urgency });

  it('puts a sent in-reach referral’s client on the service’s list at once, once however often delivered', async () => {
    const serviceId = await aService();
    await api.dataSource.query(`DELETE FROM inreach.offer_due WHERE service_id = $1`, [serviceId]);
    const referral = referralTo(serviceId, 'urgent');
    const created = anInreachReferralCreatedEvent(referral, '2026-03-01T15:30:00Z');
    const again = { ...created, id: randomUUID() }; // the same fact under a new event id
    await deliveredToInreach(api, created, created, again);

    expect(await entryOf(referral.referralId)).toEqual({
      org_id: riverside,
      service_id: serviceId,
      client_id: referral.clientId,
      urgency: 'urgent',
      referral_status: 'sent',
      status: 'waiting',
      referred_at: new Date('2026-03-01T15:30:00Z'),
      joined_at: new Date('2026-03-01T15:30:00Z'),
    });
    expect(await offersDueAt(api.dataSource, serviceId)).toEqual(clock.now());
    // Evidence still learns when the referral was made.
    const evidence = (await api.dataSource.query(
      `SELECT destination_kind FROM inreach.referral WHERE referral_id = $1`,
      [referral.referralId],
    )) as { destination_kind: string }[];
    expect(evidence).toEqual([{ destination_kind: 'inreach' }]);
  });

  it('a draft waits only once sent, and makes offers due then', async () => {
    const serviceId = await aService();
    await api.dataSource.query(`DELETE FROM inreach.offer_due WHERE service_id = $1`, [serviceId]);
    const referral = referralTo(serviceId);
    await deliveredToInreach(
      api,
      anInreachReferralCreatedEvent(referral, '2026-02-20T10:00:00Z', { status: 'draft' }),
    );
    expect(await entryOf(referral.referralId)).toMatchObject({ status: 'draft', joined_at: null });
    expect(await offersDueAt(api.dataSource, serviceId)).toBeUndefined();

    await deliveredToInreach(
      api,
      aReferralStatusChangedEvent(referral, 'draft', 'sent', '2026-02-24T09:00:00Z'),
    );
    expect(await entryOf(referral.referralId)).toMatchObject({
      status: 'waiting',
      referral_status: 'sent',
      joined_at: new Date('2026-02-24T09:00:00Z'),
    });
    expect(await offersDueAt(api.dataSource, serviceId)).toEqual(clock.now());
  });

  it('follows the referral: booked, waiting again (keeping when it joined) after a cancellation, then off the list', async () => {
    const serviceId = await aService();
    const referral = referralTo(serviceId);
    await deliveredToInreach(api, anInreachReferralCreatedEvent(referral, '2026-02-01T10:00:00Z'));
    await deliveredToInreach(
      api,
      aReferralStatusChangedEvent(referral, 'sent', 'accepted', '2026-02-02T10:00:00Z'),
    );
    expect(await entryOf(referral.referralId)).toMatchObject({
      status: 'waiting',
      referral_status: 'accepted',
    });

    await deliveredToInreach(
      api,
      aReferralStatusChangedEvent(referral, 'accepted', 'booked', '2026-02-10T10:00:00Z'),
    );
    expect(await entryOf(referral.referralId)).toMatchObject({ status: 'booked' });

    await api.dataSource.query(`DELETE FROM inreach.offer_due WHERE service_id = $1`, [serviceId]);
    await deliveredToInreach(
      api,
      aReferralStatusChangedEvent(referral, 'booked', 'sent', '2026-02-12T10:00:00Z'),
    );
    expect(await entryOf(referral.referralId)).toMatchObject({
      status: 'waiting',
      joined_at: new Date('2026-02-01T10:00:00Z'),
    });
    expect(await offersDueAt(api.dataSource, serviceId)).toEqual(clock.now());

    await deliveredToInreach(
      api,
      aReferralStatusChangedEvent(referral, 'sent', 'booked', '2026-02-13T10:00:00Z'),
      aReferralStatusChangedEvent(referral, 'booked', 'did_not_attend', '2026-02-20T10:00:00Z'),
    );
    expect(await entryOf(referral.referralId)).toMatchObject({
      status: 'left',
      referral_status: 'did_not_attend',
    });
  });

  it('a status change older than the last one applied changes nothing', async () => {
    const serviceId = await aService();
    const referral = referralTo(serviceId);
    await deliveredToInreach(api, anInreachReferralCreatedEvent(referral, '2026-02-01T10:00:00Z'));
    await deliveredToInreach(
      api,
      aReferralStatusChangedEvent(referral, 'sent', 'closed', '2026-02-15T10:00:00Z'),
    );
    await deliveredToInreach(
      api,
      aReferralStatusChangedEvent(referral, 'sent', 'accepted', '2026-02-05T10:00:00Z'),
    );
    expect(await entryOf(referral.referralId)).toMatchObject({ status: 'left', referral_status: 'closed' });
  });

  it('puts nobody on a list for another organisation’s service, a service in-reach does not know, or a GP referral', async () => {
    const elsewhere = aCdasOrgId();
    const theirSite = await aKnownSite(api.dataSource, { orgId: elsewhere });
    const theirs = await api.call(
      { ...clinic.coordinator, orgId: elsewhere },
      'POST',
      '/inreach/services',
      aServiceBody(theirSite.siteId),
    );
    expect(theirs.status).toBe(201);
    const toTheirService = referralTo(theirs.body['id'] as string);
    const toUnknownService = referralTo(randomUUID());
    const toGp = referralTo(await aService());
    await deliveredToInreach(
      api,
      anInreachReferralCreatedEvent(toTheirService, '2026-03-01T10:00:00Z'),
      anInreachReferralCreatedEvent(toUnknownService, '2026-03-01T10:00:00Z'),
      anInreachReferralCreatedEvent(toGp, '2026-03-01T10:00:00Z', { destinationKind: 'gp' }),
    );
    for (const r of [toTheirService, toUnknownService, toGp])
      expect(await entryOf(r.referralId)).toBeUndefined();
    expect(await offersDueAt(api.dataSource, theirs.body['id'] as string)).toBeUndefined();
  });

  it('keeps each client’s usual CDAS days from their attendance pattern, each once, in week order', async () => {
    const client = aClientSnapshot({
      attendancePattern: [
        { day: 'fri', from: '09:00', to: '11:00' },
        { day: 'mon', from: '09:00', to: '11:00' },
        { day: 'mon', from: '14:00', to: '16:00' },
      ],
    });
    await deliveredToInreach(api, aClientEvent(riverside, client));
    const [row] = (await api.dataSource.query(
      `SELECT attendance_days FROM inreach.client WHERE client_id = $1`,
      [client.clientId],
    )) as { attendance_days: string[] }[];
    expect(row!.attendance_days).toEqual(['mon', 'fri']);
  });
});
