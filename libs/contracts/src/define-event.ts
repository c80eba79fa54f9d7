import { z } from 'zod';
import { EVENT_TYPE_PATTERN } from './envelope';
import type { Topic } from './topics';

export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  /** Full type name including its version, e.g. `referral.created.v1`. */
  readonly type: TType;
  readonly version: number;
  /** The producing service's topic. */
  readonly topic: Topic;
  readonly description: string;
  readonly data: TSchema;
}

export type EventData<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;

/**
 * Declares an event contract. A breaking change is a new definition with the next version; the old one
 * stays in the catalogue until no producer emits it and no consumer needs it.
 */
export function defineEvent<TType extends string, TSchema extends z.ZodType>(def: {
  type: TType;
  topic: Topic;
  description: string;
  data: TSchema;
}): EventDefinition<TType, TSchema> {
  const match = EVENT_TYPE_PATTERN.exec(def.type);
  if (!match) throw new Error(`Event type ${def.type} must look like aggregate.what-happened.v1`);
  return { ...def, version: Number(match[2]) };
}
