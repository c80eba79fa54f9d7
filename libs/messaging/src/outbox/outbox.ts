import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  eventEnvelopeSchema,
  type Actor,
  type EventDefinition,
  type EventEnvelope,
} from '@careloop/contracts';
import type { z } from 'zod';
import { currentCorrelation, newCorrelationId } from '@careloop/observability';
import type { Clock } from '@careloop/time';
import { headersFor } from '../headers';
import { assertSchemaName } from '@careloop/persistence';
import { OUTBOX_WRITTEN } from './outbox-commit-waker';

export interface NewEvent<TSchema extends z.ZodType> {
  subjectId: string;
  orgId: string;
  actor: Actor;
  data: z.input<TSchema>;
  /** When it happened, if not now: e.g. the recorded time of the change, so both agree exactly. */
  occurredAt?: Date;
}

/**
 * Writes events into the service's outbox table with the caller's transaction manager, so an event
 * exists exactly when the state change that caused it commits. Nothing is sent from here: the relay
 * publishes committed rows.
 */
export class Outbox {
  constructor(
    readonly schema: string,
    private readonly clock: Clock,
  ) {
    assertSchemaName(schema);
  }

  async add<TType extends string, TSchema extends z.ZodType>(
    manager: EntityManager,
    definition: EventDefinition<TType, TSchema>,
    event: NewEvent<TSchema>,
  ): Promise<EventEnvelope<z.output<TSchema>, TType>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Outbox.add(${definition.type}) needs the manager of an open transaction`);
    }
    // Producers validate too: a contract violation fails the use case, not a consumer later.
    const data = definition.data.parse(event.data) as z.output<TSchema>;
    const correlation = currentCorrelation();
    const envelope: EventEnvelope<z.output<TSchema>, TType> = {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: (event.occurredAt ?? this.clock.now()).toISOString(),
      orgId: event.orgId,
      actor: event.actor,
      correlationId: correlation?.correlationId ?? newCorrelationId(),
      causationId: correlation?.causationId ?? null,
      subjectId: event.subjectId,
      data,
    };
    // The whole envelope too (ids, org, actor): every consumer would dead-letter an invalid one.
    eventEnvelopeSchema.parse(envelope);
    // Read by OutboxCommitWaker after COMMIT: the relay in this process publishes without waiting a poll.
    manager.queryRunner.data[OUTBOX_WRITTEN] = true;
    await manager.query(
      `INSERT INTO "${this.schema}"."outbox" ("event_id", "event_type", "topic", "message_key", "payload", "headers")
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        envelope.id,
        envelope.type,
        definition.topic,
        envelope.subjectId,
        JSON.stringify(envelope),
        JSON.stringify(headersFor(envelope)),
      ],
    );
    return envelope;
  }
}
