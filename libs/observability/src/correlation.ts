import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What ties a log line to the request or message that caused it. */
export interface CorrelationContext {
  correlationId: string;
  causationId?: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/** Runs fn with the given ids visible to every log line and call it makes, sync or async. */
export function runWithCorrelation<T>(context: CorrelationContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

export function newCorrelationId(): string {
  return randomUUID();
}
