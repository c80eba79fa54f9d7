import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@careloop/contracts';
import { assertSchemaName } from '@careloop/persistence';

/**
 * Records that this service handled an event, in the same transaction as the handler's effect.
 * `claim` returns false when the event was already handled, so a redelivery changes nothing.
 */
export class Inbox {
  constructor(readonly schema: string) {
    assertSchemaName(schema);
  }

  async claim(manager: EntityManager, envelope: EventEnvelope, sourceTopic: string): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO "${this.schema}"."inbox" ("event_id", "event_type", "source_topic")
       VALUES ($1, $2, $3) ON CONFLICT ("event_id") DO NOTHING RETURNING "event_id"`,
      [envelope.id, envelope.type, sourceTopic],
    )) as unknown[];
    return rows.length === 1;
  }
}
