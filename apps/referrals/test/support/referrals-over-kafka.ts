import type { Consumer } from 'kafkajs';
import type { Principal } from '@careloop/auth';
import {
  deadLetterTopic,
  findEventDefinition,
  TOPICS,
  type EventEnvelope,
  type ProducingService,
} from '@careloop/contracts';
import { DLQ_HEADERS, headersFor, KafkaPublisher } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import {
  createTestDatabase,
  deleteTopics,
  kafkaBrokers,
  startTestIdentityProvider,
  testKafka,
  uniqueTestId,
  withKafkaAdmin,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import { referralsService } from '../../src/referrals.service';

/** An event the referrals consumer gave up on, as the dead-letter topic carries it. */
export interface DeadLetter {
  /** The consumer's error code, e.g. CLIENT_NOT_FOUND. */
  code: string | undefined;
  eventId: string | undefined;
}

/**
 * The referrals service as it runs, on a fresh database of the real Postgres and topics of the real
 * Kafka broker under a prefix of its own, trusting a test identity provider; and another service's
 * events published to that service's topic as it publishes them.
 */
export interface ReferralsOverKafka {
  running: RunningServices;
  db: Database;
  idp: TestIdentityProvider;
  /**
   * Publishes to each event's producer's topic (one of the producers given), keyed as the producer
   * keys them, with the envelope's headers.
   */
  publish(...events: EventEnvelope[]): Promise<void>;
  /** What referrals dead-lettered from those topics so far, in arrival order. */
  deadLetters: readonly DeadLetter[];
  /** GET on the running service with a token for `who`; the body parsed as JSON. */
  get<T>(who: Principal, path: string): Promise<{ status: number; body: T }>;
  /** POST of a JSON body with a token for `who` (and any headers); the body parsed as JSON. */
  post<T>(
    who: Principal,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; contentType: string | null; body: T }>;
  /** Stops the service and removes its database, topics and consumer groups. */
  close(): Promise<void>;
}

/**
 * Starts referrals consuming the producers' topics, with a reader of those topics' dead letters. If a
 * step fails, whatever had started is removed before the error is rethrown.
 */
export async function startReferralsOverKafka(options: {
  /** Names the database and the topic and group prefixes. */
  label: string;
  /** One producing service, or several (booking and in-reach). */
  producer: ProducingService | readonly ProducingService[];
  /** The message key the producer uses: its aggregate id, so one aggregate's events keep their order. */
  keyOf: (event: EventEnvelope) => string;
}): Promise<ReferralsOverKafka> {
  const id = uniqueTestId(options.label);
  const topicPrefix = `${id}.`;
  const groupPrefix = `${id}.`;
  const dlqGroup = `${id}.dlq-reader`;
  const producers: readonly ProducingService[] =
    typeof options.producer === 'string' ? [options.producer] : options.producer;
  const topics: string[] = producers.map((p) => TOPICS[p]);
  const topicOf = (event: EventEnvelope): string => {
    const topic = findEventDefinition(event.type)?.topic;
    if (!topic || !topics.includes(topic)) throw new Error(`${event.type} is not from the producers given`);
    return topic;
  };
  const deadLetters: DeadLetter[] = [];
  let testDb: TestDatabase | undefined;
  let idp: TestIdentityProvider | undefined;
  let running: RunningServices | undefined;
  let publisher: KafkaPublisher | undefined;
  let dlqReader: Consumer | undefined;

  const close = async (): Promise<void> => {
    await dlqReader?.disconnect().catch(() => undefined);
    await publisher?.close();
    await running?.close();
    await idp?.close();
    await testDb?.drop();
    await deleteTopics(
      Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
    );
    await withKafkaAdmin((admin) => admin.deleteGroups([`${groupPrefix}referrals`, dlqGroup])).catch(
      () => undefined,
    );
  };

  try {
    testDb = await createTestDatabase(options.label);
    idp = await startTestIdentityProvider({ issuer: 'https://idp.careloop.test/' });
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_PREFIX: groupPrefix,
      AUTH_ISSUER: idp.issuer,
      AUTH_JWKS_URL: idp.jwksUrl,
      OUTBOX_POLL_MS: '50',
    });
    running = await startServices([referralsService], config);
    publisher = new KafkaPublisher({ brokers: kafkaBrokers(), clientId: id, topicPrefix, groupPrefix });
    dlqReader = testKafka().consumer({ groupId: dlqGroup });
    await dlqReader.connect();
    await dlqReader.subscribe({
      topics: topics.map((t) => `${topicPrefix}${deadLetterTopic(t)}`),
      fromBeginning: true,
    });
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        deadLetters.push({
          code: message.headers?.[DLQ_HEADERS.errorCode]?.toString(),
          eventId: message.headers?.['x-event-id']?.toString() ?? JSON.parse(message.value!.toString()).id,
        });
      },
    });
  } catch (error) {
    await close();
    throw error;
  }

  const started = { running, idp, publisher };
  return {
    running,
    db: running.app.get(Database),
    idp,
    publish: (...events) =>
      started.publisher.publish(
        events.map((e) => ({
          topic: topicOf(e),
          key: options.keyOf(e),
          value: JSON.stringify(e),
          headers: headersFor(e),
        })),
      ),
    deadLetters,
    async get<T>(who: Principal, path: string) {
      const response = await fetch(`${started.running.url}${path}`, {
        headers: { authorization: `Bearer ${await started.idp.tokenFor(who)}` },
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async post<T>(who: Principal, path: string, body: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${started.running.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await started.idp.tokenFor(who)}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: (await response.json()) as T,
      };
    },
    close,
  };
}
