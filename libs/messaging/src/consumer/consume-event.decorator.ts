import { UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { z } from 'zod';
import type { EventDefinition, EventEnvelope } from '@careloop/contracts';
import { assertSchemaName } from '@careloop/persistence';
import { PassThroughEventErrorsFilter } from '../nest/pass-through-event-errors.filter';
import type { EventContext } from './event-context';

export const CONSUMER_EXTRA = 'careloopConsumer';

type EventHandlerMethod<TEnvelope> = (event: TEnvelope, context: EventContext) => Promise<void>;

/**
 * `@EventPattern` for a catalogued event, tagged with the consuming service. The service name is its
 * consumer group and the schema holding its inbox, so one process can host several services' handlers.
 * The compiler checks the handler's payload type against the contract (validated before the call).
 * The handler's errors reach the consume pipeline unchanged (see PassThroughEventErrorsFilter), whether
 * the transport runs alone or beside an HTTP app, where global filters cannot be added to it.
 */
export function ConsumeEvent<TType extends string, TSchema extends z.ZodType>(
  definition: EventDefinition<TType, TSchema>,
  consumer: string,
) {
  assertSchemaName(consumer);
  const pattern = EventPattern(definition.type, { [CONSUMER_EXTRA]: consumer }) as MethodDecorator;
  const filters = UseFilters(new PassThroughEventErrorsFilter());
  return (
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<EventHandlerMethod<EventEnvelope<z.output<TSchema>>>>,
  ): void => {
    pattern(target, propertyKey, descriptor);
    filters(target, propertyKey, descriptor);
  };
}
