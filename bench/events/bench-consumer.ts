import { Controller, Inject, Module, type DynamicModule } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DataSource, EntitySubscriberInterface, MigrationInterface, QueryRunner } from 'typeorm';
import { referralCreatedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { now, type Tracker } from './tracker';

/** The producing service's schema (its outbox) and the consuming service's (inbox + projection). */
export const BENCH_PRODUCER = 'bench_producer';
export const BENCH_CONSUMER = 'bench_consumer';

const TRACKER = Symbol('BENCH_TRACKER');
/** Key in the transaction's `QueryRunner.data` naming the event whose projection it writes. */
const EVENT_ID = 'benchEventId';

export class BenchProjectionTable1764500000000 implements MigrationInterface {
  name = 'BenchProjectionTable1764500000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "${BENCH_CONSUMER}"."projection" (
      "event_id" uuid PRIMARY KEY,
      "referral_id" uuid NOT NULL,
      "phase" text NOT NULL,
      "written_at" timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${BENCH_CONSUMER}"."projection"`);
  }
}

/**
 * An ordinary consuming service: one projection row per referral, written with the transaction in
 * which the dispatcher has already written the inbox row. It also notes (in memory) when it ran and
 * tags the transaction so the commit hook below can time the commit.
 */
@Controller()
class BenchProjectionConsumer {
  constructor(@Inject(TRACKER) private readonly tracker: Tracker) {}

  @ConsumeEvent(referralCreatedV1, BENCH_CONSUMER)
  async onReferralCreated(
    @Payload() event: EventEnvelope<EventData<typeof referralCreatedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    const phase = this.tracker.phaseOf(event.id);
    phase?.handledAt.set(event.id, now());
    await ctx.manager.query(
      `INSERT INTO "${BENCH_CONSUMER}"."projection" ("event_id", "referral_id", "phase") VALUES ($1, $2, $3)`,
      [event.id, event.data.referralId, phase?.name ?? 'untracked'],
    );
    const runner = ctx.manager.queryRunner;
    if (runner) runner.data = { ...runner.data, [EVENT_ID]: event.id };
  }
}

@Module({})
export class BenchConsumerModule {
  static withTracker(tracker: Tracker): DynamicModule {
    return {
      module: BenchConsumerModule,
      controllers: [BenchProjectionConsumer],
      providers: [{ provide: TRACKER, useValue: tracker }],
    };
  }
}

/**
 * Marks an event done when the consumer transaction that wrote its projection row has committed
 * (TypeORM's afterTransactionCommit runs right after COMMIT returns), so the measured latency includes
 * the commit rather than stopping at the INSERT.
 */
export function timeProjectionCommits(dataSource: DataSource, tracker: Tracker): void {
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit(event) {
      const id: unknown = event.queryRunner.data?.[EVENT_ID];
      if (typeof id === 'string') tracker.phaseOf(id)?.finish(id, now());
    },
  };
  dataSource.subscribers.push(subscriber);
}
