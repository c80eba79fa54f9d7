import type { Consumer, Producer } from 'kafkajs';
import { TOPICS } from '@careloop/contracts';
import { HEADERS, createKafka, headersFor, prefixedTopic, type KafkaSettings } from '@careloop/messaging';
import { createTopics } from '@careloop/testing';
import type { BenchArgs } from './args';
import { progress, type Cleanup } from './cleanup';
import { envelopeFor, referralInputs, type ReferralInput } from './events';
import { durations, summarise, type LatencySummary } from './percentiles';
import type { ThroughputResult } from './platform-path';
import { fireAtFixedRate, type OfferedLoad } from './schedule';
import { Phase, Tracker, now } from './tracker';

const PHASE_TIMEOUT_MS = 120_000;

export interface RawResult {
  throughput: ThroughputResult;
  latency: { offered: OfferedLoad; endToEnd: LatencySummary };
}

/**
 * The baseline: the same envelopes, keys and 3-partition topic, produced with a plain kafkajs producer
 * (acks from all in-sync replicas, like KafkaPublisher) and read by a plain kafkajs consumer that only
 * notes the arrival. Client settings come from the same `createKafka` the platform uses.
 */
export async function runRawPath(
  args: BenchArgs,
  runId: string,
  brokers: string[],
  cleanup: Cleanup,
): Promise<RawResult> {
  const settings: KafkaSettings = {
    brokers,
    clientId: `${runId}-raw`,
    topicPrefix: `${runId}.raw.`,
    partitions: 3,
  };
  const topic = prefixedTopic(settings, TOPICS.referrals);
  await createTopics([topic], 3);
  const kafka = createKafka(settings);
  const tracker = new Tracker();

  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  cleanup.defer('disconnect raw producer', () => producer.disconnect());

  const consumer: Consumer = kafka.consumer({
    groupId: `${runId}.raw.counter`,
    allowAutoTopicCreation: false,
    sessionTimeout: 30000,
    heartbeatInterval: 3000,
  });
  const joined = new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
  await consumer.connect();
  cleanup.defer('disconnect raw consumer', () => consumer.disconnect());
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const raw = message.headers?.[HEADERS.eventId];
      const id = raw === undefined ? undefined : String(Array.isArray(raw) ? raw[0] : raw);
      tracker.phaseOf(id)?.finish(id!, now());
    },
  });
  await joined;
  progress('raw consumer joined its group');

  /** Sequential `sendBatch` calls of `batchSize` messages: the relay's publishing, minus the database. */
  const sendInBatches = async (phase: Phase, inputs: ReferralInput[], batchSize: number) => {
    phase.beganAt = now();
    for (let start = 0; start < inputs.length; start += batchSize) {
      const at = now();
      const messages = inputs.slice(start, start + batchSize).map((input) => {
        const envelope = envelopeFor(input);
        const value = JSON.stringify(envelope);
        tracker.start(envelope.id, phase, at);
        phase.valueBytes += Buffer.byteLength(value);
        return { key: envelope.subjectId, value, headers: headersFor(envelope) };
      });
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
      phase.publishBatches.push(messages.length);
    }
    phase.writesDoneAt = now();
  };

  if (args.warmup > 0) {
    const warmup = new Phase('raw-warmup', args.warmup);
    await sendInBatches(warmup, referralInputs(args.warmup), args.relayBatch);
    await warmup.whenFinished(PHASE_TIMEOUT_MS);
    progress(`raw warm-up: ${args.warmup} events`);
  }

  const phase = new Phase('raw-throughput', args.events);
  await sendInBatches(phase, referralInputs(args.events), args.relayBatch);
  await phase.whenFinished(PHASE_TIMEOUT_MS);
  const seconds = (phase.lastDoneAt - phase.beganAt) / 1000;
  const throughput: ThroughputResult = {
    label: `raw kafkajs, sendBatch(${args.relayBatch}) -> count`,
    events: args.events,
    seconds,
    eventsPerSecond: args.events / seconds,
    writesDoneSeconds: (phase.writesDoneAt - phase.beganAt) / 1000,
    meanValueBytes: phase.valueBytes / args.events,
  };
  progress(`${throughput.label}: ${throughput.eventsPerSecond.toFixed(0)} events/s`);

  const latencyPhase = new Phase('raw-latency', args.rate * args.seconds);
  const inputs = referralInputs(latencyPhase.expected);
  progress(`raw latency: ${args.rate} events/s for ${args.seconds} s`);
  const offered = await fireAtFixedRate(args.rate, args.seconds, async (i) => {
    const envelope = envelopeFor(inputs[i]!);
    const value = JSON.stringify(envelope);
    tracker.start(envelope.id, latencyPhase, now()); // just before send
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: envelope.subjectId, value, headers: headersFor(envelope) }],
    });
  });
  await latencyPhase.whenFinished(PHASE_TIMEOUT_MS);
  return {
    throughput,
    latency: { offered, endToEnd: summarise(durations(latencyPhase.startedAt, latencyPhase.doneAt)) },
  };
}
