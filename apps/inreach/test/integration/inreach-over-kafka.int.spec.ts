import type { Consumer } from 'kafkajs';
import { deadLetterTopic, TOPICS, type EventEnvelope } from '@careloop/contracts';
import { DLQ_HEADERS, headersFor, KafkaPublisher, type KafkaSettings } from '@careloop/messaging';
import { addDays, londonDateOf } from '@careloop/recurrence';
import {
  deleteRedisKeys,
  deleteTopics,
  eventually,
  kafkaBrokers,
  redisUrl,
  testKafka,
  uniqueRedisPrefix,
  uniqueTestId,
  withKafkaAdmin,
} from '@careloop/testing';
import type { SessionView } from '../../src/session/session.dto';
import { aClientEvent, aClientSnapshot } from '../support/day-sheet-events';
import {
  aCdasOrgId,
  aCoordinator,
  aServiceBody,
  aSiteRegisteredEvent,
  aSiteRegistration,
} from '../support/inreach-fixtures';
import { useInreachOverHttp } from '../support/inreach-over-http';
import { anInreachReferral, anInreachReferralCreatedEvent } from '../support/offer-events';

interface Received {
  key: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * The whole in-reach service as deployed, on real Postgres, Kafka and Redis: booking's
 * site.registered.v1 arrives over Kafka and becomes a site a CDAS can host clinics at, and the
 * sessions it publishes leave over Kafka, keyed by session, for booking to make slots from; a client
 * referred over Kafka is offered a seat by the offer job, and the offer leaves over Kafka too.
 */
describe('in-reach over real Kafka', () => {
  const id = uniqueTestId('inreach');
  const topicPrefix = `${id}.`;
  const groupPrefix = `${id}.`;
  const redisPrefix = uniqueRedisPrefix('inreach');
  const settings: KafkaSettings = { brokers: kafkaBrokers(), clientId: id, topicPrefix, groupPrefix };
  const api = useInreachOverHttp({
    database: 'inreach_over_kafka',
    env: {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_PREFIX: groupPrefix,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: redisPrefix,
      OUTBOX_POLL_MS: '50',
    },
  });
  const riverside = aCdasOrgId();
  const coordinator = aCoordinator(riverside);
  let publisher: KafkaPublisher;
  let reader: Consumer;
  const fromInreach: Received[] = [];
  const deadLetters: { code: string | undefined; eventId: string | undefined }[] = [];

  beforeAll(async () => {
    publisher = new KafkaPublisher(settings);
    reader = testKafka().consumer({ groupId: `${id}.reader` });
    await reader.connect();
    await reader.subscribe({
      topics: [`${topicPrefix}${TOPICS.inreach}`, `${topicPrefix}${deadLetterTopic(TOPICS.booking)}`],
      fromBeginning: true,
    });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        if (topic.endsWith('.dlq')) {
          deadLetters.push({
            code: message.headers?.[DLQ_HEADERS.errorCode]?.toString(),
            eventId: (JSON.parse(message.value!.toString()) as { id?: string }).id,
          });
          return;
        }
        const event = JSON.parse(message.value!.toString()) as EventEnvelope<Record<string, unknown>>;
        fromInreach.push({ key: message.key!.toString(), type: event.type, data: event.data });
      },
    });
  }, 90_000);

  afterAll(async () => {
    await reader?.disconnect().catch(() => undefined);
    await publisher?.close();
    await deleteTopics(
      Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
    ).catch(() => undefined);
    await withKafkaAdmin((admin) => admin.deleteGroups([`${groupPrefix}inreach`, `${id}.reader`])).catch(
      () => undefined,
    );
    await deleteRedisKeys(redisPrefix);
  }, 60_000);

  const publishOn = (topic: string, events: EventEnvelope[]) =>
    publisher.publish(
      events.map((e) => ({ topic, key: e.subjectId, value: JSON.stringify(e), headers: headersFor(e) })),
    );
  const fromBooking = (...events: EventEnvelope[]) => publishOn(TOPICS.booking, events);
  const fromReferrals = (...events: EventEnvelope[]) => publishOn(TOPICS.referrals, events);
  const storedSite = async (siteId: string) =>
    (
      (await api.dataSource.query(`SELECT org_id, org_kind, name FROM inreach.site WHERE site_id = $1`, [
        siteId,
      ])) as {
        org_id: string;
        org_kind: string;
        name: string;
      }[]
    )[0];
  const handled = async (eventId: string) =>
    ((await api.dataSource.query(`SELECT 1 FROM inreach.inbox WHERE event_id = $1`, [eventId])) as unknown[])
      .length;

  it('keeps the sites booking registers, once each, and a later registration wins over an older one', async () => {
    const site = aSiteRegistration({ orgId: riverside, name: 'High Street hub' });
    const registered = aSiteRegisteredEvent(site, new Date('2026-11-02T09:00:00Z'));
    await fromBooking(registered, registered);
    await eventually(async () => expect(await storedSite(site.siteId)).toBeDefined(), { timeoutMs: 30_000 });
    expect(await storedSite(site.siteId)).toEqual({
      org_id: riverside,
      org_kind: 'cdas',
      name: 'High Street hub',
    });

    const renamed = aSiteRegisteredEvent(
      { ...site, name: 'High Street recovery hub' },
      new Date('2026-11-03T09:00:00Z'),
    );
    const stale = aSiteRegisteredEvent({ ...site, name: 'Old name' }, new Date('2026-11-01T09:00:00Z'));
    await fromBooking(renamed, stale);
    await eventually(async () => expect(await handled(stale.id)).toBe(1), { timeoutMs: 30_000 });
    expect(await handled(registered.id)).toBe(1);
    expect((await storedSite(site.siteId))?.name).toBe('High Street recovery hub');
  });

  it('keeps another kind of organisation’s site but never offers it as a host', async () => {
    const hospitalSite = aSiteRegistration({
      orgId: 'org-st-elsewhere',
      orgKind: 'hospital',
      name: 'Outpatients B',
    });
    await fromBooking(aSiteRegisteredEvent(hospitalSite));
    await eventually(async () => expect(await storedSite(hospitalSite.siteId)).toBeDefined(), {
      timeoutMs: 30_000,
    });
    const refused = await api.call(
      coordinator,
      'POST',
      '/inreach/services',
      aServiceBody(hospitalSite.siteId),
    );
    expect(refused).toMatchObject({ status: 422, body: { code: 'SITE_NOT_HOSTABLE' } });
  });

  it('dead-letters a site event that breaks the contract, storing nothing', async () => {
    const broken = aSiteRegisteredEvent(aSiteRegistration({ orgId: riverside }));
    (broken.data as unknown as Record<string, unknown>)['orgKind'] = 'leisure_centre';
    await fromBooking(broken);
    await eventually(
      () => expect(deadLetters).toContainEqual({ code: 'INVALID_EVENT_DATA', eventId: broken.id }),
      { timeoutMs: 30_000 },
    );
    expect(await storedSite(broken.subjectId)).toBeUndefined();
  });

  it('publishes sessions to booking over Kafka, keyed by session, and the withdrawal after them', async () => {
    const site = aSiteRegistration({ orgId: riverside, name: 'Station Road hub' });
    await fromBooking(aSiteRegisteredEvent(site));
    await eventually(async () => expect(await storedSite(site.siteId)).toBeDefined(), { timeoutMs: 30_000 });

    const service = await api.call(coordinator, 'POST', '/inreach/services', aServiceBody(site.siteId));
    const room = await api.call(coordinator, 'POST', '/inreach/rooms', {
      siteId: site.siteId,
      name: 'Clinic room 1',
    });
    const tomorrow = addDays(londonDateOf(new Date()), 1);
    const series = await api.call(coordinator, 'POST', `/inreach/services/${service.body['id']}/series`, {
      roomId: room.body['id'],
      rrule: 'FREQ=DAILY;COUNT=3',
      startTime: '10:00',
      endTime: '12:00',
      validFrom: tomorrow,
      slotMinutes: 30,
      seatsPerSlot: 2,
    });
    expect(series).toMatchObject({ status: 201, body: { sessionsMade: 3 } });
    const seriesId = (series.body['series'] as { id: string }).id;
    expect((await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/publish`)).status).toBe(200);

    const sessions = (
      await api.call<SessionView[]>(
        coordinator,
        'GET',
        `/inreach/sessions?serviceId=${service.body['id']}&from=${tomorrow}&to=${addDays(tomorrow, 2)}`,
      )
    ).body;
    const ids = sessions.map((s) => s.id);
    await eventually(
      () =>
        expect(
          fromInreach
            .filter((m) => ids.includes(m.key))
            .map((m) => m.key)
            .sort(),
        ).toEqual([...ids].sort()),
      { timeoutMs: 30_000 },
    );
    expect(fromInreach.find((m) => m.key === ids[0])).toMatchObject({
      type: 'inreach.session-published.v1',
      data: {
        sessionId: ids[0],
        hostOrgId: riverside,
        siteId: site.siteId,
        roomName: 'Clinic room 1',
        serviceType: 'hepatitis_c',
        slotMinutes: 30,
        seatsPerSlot: 2,
      },
    });

    await api.call(coordinator, 'POST', `/inreach/sessions/${ids[1]}/cancel`, {
      reason: 'Specialist off sick',
    });
    await eventually(
      () =>
        expect(fromInreach.filter((m) => m.key === ids[1]).map((m) => m.type)).toEqual([
          'inreach.session-published.v1',
          'inreach.session-withdrawn.v1',
        ]),
      { timeoutMs: 30_000 },
    );
  });

  it('announces a service, and offers a client referred over Kafka a seat: the offer leaves keyed by its session', async () => {
    const site = aSiteRegistration({ orgId: riverside, name: 'Market Square hub' });
    await fromBooking(aSiteRegisteredEvent(site));
    await eventually(async () => expect(await storedSite(site.siteId)).toBeDefined(), { timeoutMs: 30_000 });
    const service = await api.call(coordinator, 'POST', '/inreach/services', aServiceBody(site.siteId));
    const serviceId = service.body['id'] as string;
    await eventually(
      () =>
        expect(fromInreach).toContainEqual({
          key: serviceId,
          type: 'inreach.service-registered.v1',
          data: expect.objectContaining({ serviceId, hostOrgId: riverside, siteId: site.siteId }),
        }),
      { timeoutMs: 30_000 },
    );

    // One session three days on (offers need at least 24 hours' notice), published.
    const room = await api.call(coordinator, 'POST', '/inreach/rooms', {
      siteId: site.siteId,
      name: 'Room 3',
    });
    const day = addDays(londonDateOf(new Date()), 3);
    const series = await api.call(coordinator, 'POST', `/inreach/services/${serviceId}/series`, {
      roomId: room.body['id'],
      rrule: 'FREQ=DAILY;COUNT=1',
      startTime: '10:00',
      endTime: '11:00',
      validFrom: day,
      slotMinutes: 30,
    });
    const seriesId = (series.body['series'] as { id: string }).id;
    expect((await api.call(coordinator, 'POST', `/inreach/series/${seriesId}/publish`)).status).toBe(200);
    const [session] = (
      await api.call<SessionView[]>(
        coordinator,
        'GET',
        `/inreach/sessions?serviceId=${serviceId}&from=${day}&to=${day}`,
      )
    ).body;

    const client = aClientSnapshot();
    const referral = anInreachReferral({
      orgId: riverside,
      clientId: client.clientId,
      serviceId,
      urgency: 'soon',
    });
    await fromReferrals(
      aClientEvent(riverside, client),
      anInreachReferralCreatedEvent(referral, new Date().toISOString()),
    );

    // The offer job's next tick (every 30 seconds) finds the service due.
    await eventually(
      () =>
        expect(fromInreach).toContainEqual({
          key: session!.id,
          type: 'inreach.offer-made.v1',
          data: expect.objectContaining({
            sessionId: session!.id,
            serviceId,
            hostOrgId: riverside,
            clientId: client.clientId,
            referralId: referral.referralId,
            keyworkerId: client.keyworkerId,
          }),
        }),
      { timeoutMs: 75_000 },
    );
  }, 120_000);
});
