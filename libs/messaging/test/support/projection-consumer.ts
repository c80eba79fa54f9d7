import { Controller, Inject, Module, type DynamicModule } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { referralCreatedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { currentCorrelation } from '@careloop/observability';
import { ConsumeEvent, EventContext, PermanentEventError } from '../../src';

/** A consuming service used only by these tests: it projects referrals into its own schema. */
export const CONSUMER = 'consumer_t';
export const INSTANCE = Symbol('INSTANCE');

/** Reasons that make the handler misbehave on purpose. */
export const BEHAVIOUR = {
  refuse: 'refuse: contradicts our state',
  failOnce: 'fail once: deadlock',
  alwaysFail: 'always fail: bug',
  refuseAfterWrite: 'refuse after writing',
  outage: 'database unreachable for four attempts',
} as const;

/** Per event id: how often the `outage` behaviour has failed it, across redeliveries. */
export const outageFailures = new Map<string, number>();
export const OUTAGE_ATTEMPTS = 4;

export class ProjectionTable1764400000100 implements MigrationInterface {
  name = 'ProjectionTable1764400000100';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "${CONSUMER}"."projection" (
      "id" bigserial PRIMARY KEY,
      "referral_id" uuid NOT NULL,
      "instance" text NOT NULL,
      "attempt" integer NOT NULL,
      "correlation_id" text,
      "causation_id" text
    )`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${CONSUMER}"."projection"`);
  }
}

@Controller()
class ReferralProjectionConsumer {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @ConsumeEvent(referralCreatedV1, CONSUMER)
  async onReferralCreated(
    @Payload() event: EventEnvelope<EventData<typeof referralCreatedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    const reason = event.data.reason;
    if (reason === BEHAVIOUR.refuse)
      throw new PermanentEventError('Referral cannot be projected', 'PROJECTION_REFUSED');
    if (reason === BEHAVIOUR.failOnce && ctx.attempt === 1) {
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    }
    if (reason === BEHAVIOUR.outage && (outageFailures.get(event.id) ?? 0) < OUTAGE_ATTEMPTS) {
      outageFailures.set(event.id, (outageFailures.get(event.id) ?? 0) + 1);
      throw Object.assign(new Error('connection failure'), { code: '08006' });
    }
    if (reason === BEHAVIOUR.alwaysFail) throw new TypeError('Cannot read properties of undefined');
    const correlation = currentCorrelation();
    await ctx.manager.query(
      `INSERT INTO "${CONSUMER}"."projection" ("referral_id", "instance", "attempt", "correlation_id", "causation_id")
       VALUES ($1, $2, $3, $4, $5)`,
      [
        event.data.referralId,
        this.instance,
        ctx.attempt,
        correlation?.correlationId,
        correlation?.causationId,
      ],
    );
    if (reason === BEHAVIOUR.refuseAfterWrite)
      throw new PermanentEventError('Changed my mind', 'PROJECTION_REFUSED');
  }
}

@Module({})
export class ProjectionConsumerModule {
  static forInstance(instance: string): DynamicModule {
    return {
      module: ProjectionConsumerModule,
      controllers: [ReferralProjectionConsumer],
      providers: [{ provide: INSTANCE, useValue: instance }],
    };
  }
}
