/** A message as it crosses the bus: value is the JSON envelope, headers carry tracing ids. */
export interface OutgoingMessage {
  /** Topic without any deployment prefix (e.g. `careloop.referrals`). */
  topic: string;
  /** The aggregate (subject) id, so every event of one aggregate lands on one partition, in order. */
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A message as a consumer receives it, from Kafka or the in-process bus. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | string | null;
  headers: Record<string, string>;
}
