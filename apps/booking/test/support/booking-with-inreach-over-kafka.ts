import { Module } from '@nestjs/common';
import { TOPICS, deadLetterTopic, findEventDefinition, type EventEnvelope } from '@careloop/contracts';
import { headersFor, KafkaPublisher, MessagingModule } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import {
  createTestDatabase,
  deleteTopics,
  kafkaBrokers,
  uniqueTestId,
  withKafkaAdmin,
  type TestDatabase,
} from '@careloop/testing';
import type { Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { bookingService } from '../../src/booking.service';
import { InreachModule } from '../../src/inreach/inreach.module';

/** Booking with only the in-reach context mounted: its consumers and its cascade task. */
@Module({ imports: [MessagingModule.forService(BOOKING_SCHEMA), InreachModule] })
class InreachOnly {}

export interface BookingWithInreach {
  /** Unique to the spec file; its topics and consumer groups start with `${id}.`. */
  id: string;
  topicPrefix: string;
  running: RunningServices;
  db: Database;
  /**
   * Publishes as the producing service's relay does (in-reach's events to its topic, an SMS reply to
   * reminders'): keyed by subject, with its headers.
   */
  publish(...events: EventEnvelope[]): Promise<void>;
  /** Whether booking's consumer has handled the event (its inbox has it). */
  isHandled(eventId: string): Promise<boolean>;
  /** Stops booking, drops the database and deletes the file's topics and booking's consumer group. */
  close(): Promise<void>;
}

/**
 * Booking's in-reach context on a fresh database and a real Kafka broker, with topics and groups of
 * its own, at the given clock. Whatever was started is closed again if a later step fails.
 */
export async function startBookingWithInreach(label: string, clock: Clock): Promise<BookingWithInreach> {
  const id = uniqueTestId(label);
  const topicPrefix = `${id}.`;
  const groupPrefix = `${id}.`;
  let testDb: TestDatabase | undefined;
  let running: RunningServices | undefined;
  let publisher: KafkaPublisher | undefined;

  const close = async (): Promise<void> => {
    await publisher?.close();
    await running?.close();
    await testDb?.drop();
    await deleteTopics(
      Object.values(TOPICS).flatMap((t) => [`${topicPrefix}${t}`, `${topicPrefix}${deadLetterTopic(t)}`]),
    );
    await withKafkaAdmin((admin) => admin.deleteGroups([`${groupPrefix}booking`])).catch(() => undefined);
  };

  try {
    testDb = await createTestDatabase(label);
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_PREFIX: groupPrefix,
      AUTH_ISSUER: 'https://idp.careloop.test/',
      AUTH_JWKS_URL: 'https://idp.careloop.test/jwks.json',
      OUTBOX_POLL_MS: '50',
    });
    running = await startServices(
      [{ ...bookingService, module: InreachOnly, usesScheduler: false }],
      config,
      { clock },
    );
    publisher = new KafkaPublisher({ brokers: kafkaBrokers(), clientId: id, topicPrefix, groupPrefix });
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }

  const db = running.app.get(Database);
  const kafka = publisher;
  return {
    id,
    topicPrefix,
    running,
    db,
    publish: (...events) =>
      kafka.publish(
        events.map((e) => ({
          topic: findEventDefinition(e.type)?.topic ?? TOPICS.inreach,
          key: e.subjectId,
          value: JSON.stringify(e),
          headers: headersFor(e),
        })),
      ),
    isHandled: async (eventId) =>
      ((await db.dataSource.query(`SELECT 1 FROM booking.inbox WHERE event_id = $1`, [eventId])) as unknown[])
        .length === 1,
    close,
  };
}
