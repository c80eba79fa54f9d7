import { EventPattern } from '@nestjs/microservices';
import type { z } from 'zod';
import type { EventDefinition, EventEnvelope } from '@careloop/contracts';
import { assertSchemaName } from '../schema-name';
import type { EventContext } from './event-context';

export const CONSUMER_EXTRA = 'careloopConsumer';

type EventHandlerMethod<TEnvelope> = (event: TEnvelope, context: EventContext) => Promise<void>;

/**
 * `@EventPattern` for a catalogued event, tagged with the consuming service. The service name is its
 * consumer group and the schema holding its inbox, so one process can host several services' handlers.
 * The compiler checks the handler's payload type against the contract (validated before the call).
 */
export function ConsumeEvent<TType extends string, TSchema extends z.ZodType>(
  definition: EventDefinition<TType, TSchema>,
  consumer: string,
) {
  assertSchemaName(consumer);
  const decorator = EventPattern(definition.type, { [CONSUMER_EXTRA]: consumer }) as MethodDecorator;
  return (
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<EventHandlerMethod<EventEnvelope<z.output<TSchema>>>>,
  ): void => {
    decorator(target, propertyKey, descriptor);
  };
}
