import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@careloop/contracts';

export interface EventContextArgs {
  envelope: EventEnvelope;
  /** The transaction in which the inbox row was written: the handler's changes must use it. */
  manager: EntityManager;
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
  consumer: string;
}

/** What `@Ctx()` gives an event handler. */
export class EventContext extends BaseRpcContext<[EventContextArgs]> {
  constructor(args: EventContextArgs) {
    super([args]);
  }
  private get a(): EventContextArgs {
    return this.getArgs()[0];
  }
  get manager(): EntityManager {
    return this.a.manager;
  }
  get envelope(): EventEnvelope {
    return this.a.envelope;
  }
  get topic(): string {
    return this.a.topic;
  }
  get partition(): number {
    return this.a.partition;
  }
  get offset(): string {
    return this.a.offset;
  }
  get attempt(): number {
    return this.a.attempt;
  }
  get consumer(): string {
    return this.a.consumer;
  }
}
