import { IS_PUBLIC_KEY } from '@careloop/auth';
import { MetricsController } from '@careloop/observability';
import { HealthController } from './health/health.controller';

// Probes and scrapers carry no user token: the auth guard must let these two controllers through.
describe('routes reachable without a token', () => {
  it('marks health and metrics as public for the auth guard', () => {
    expect(Reflect.getMetadata(IS_PUBLIC_KEY, MetricsController)).toBe(true);
    expect(Reflect.getMetadata(IS_PUBLIC_KEY, HealthController)).toBe(true);
  });
});
