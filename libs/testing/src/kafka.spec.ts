import { kafkaBrokers, repoRoot, uniqueTestId } from './kafka';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('kafka test helpers', () => {
  const saved = process.env.KAFKA_BROKERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = saved;
  });

  it('defaults to 127.0.0.1:9092 and reads KAFKA_BROKERS', () => {
    delete process.env.KAFKA_BROKERS;
    expect(kafkaBrokers()).toEqual(['127.0.0.1:9092']);
    process.env.KAFKA_BROKERS = ' 127.0.0.1:9192 , 127.0.0.1:9193,';
    expect(kafkaBrokers()).toEqual(['127.0.0.1:9192', '127.0.0.1:9193']);
    process.env.KAFKA_BROKERS = ' ';
    expect(kafkaBrokers()).toEqual(['127.0.0.1:9092']);
  });

  it('makes short unique ids that are legal topic and group names', () => {
    const ids = new Set(Array.from({ length: 200 }, () => uniqueTestId('Referral events/v1!')));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[a-zA-Z0-9._-]+$/);
      expect(id.startsWith('Referral-events-v1-')).toBe(true);
      expect(id.length).toBeLessThan(60);
    }
    expect(uniqueTestId('///')).toMatch(/^test-/);
  });

  it('finds the repository root holding the infra scripts', () => {
    expect(fs.existsSync(path.join(repoRoot(), 'infra', 'kafka', 'start.sh'))).toBe(true);
  });
});
