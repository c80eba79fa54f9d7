import { Module, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestApp } from '../start-test-app';
import { HEALTH_CHECKS, type HealthCheck } from './health-check';

const passing = (name: string): HealthCheck => ({ name, check: async () => undefined });
const failing = (name: string, message: string): HealthCheck => ({
  name,
  check: async () => {
    throw new Error(message);
  },
});
const hanging = (name: string): HealthCheck => ({ name, check: () => new Promise<void>(() => undefined) });

// Two modules each providing HEALTH_CHECKS, as a service module and the messaging module would.
function appModule(databaseCheck: HealthCheck, kafkaChecks: HealthCheck[]) {
  @Module({ providers: [{ provide: HEALTH_CHECKS, useValue: databaseCheck }] })
  class DatabaseModule {}
  @Module({ providers: [{ provide: HEALTH_CHECKS, useFactory: () => kafkaChecks }] })
  class MessagingModule {}
  @Module({ imports: [DatabaseModule, MessagingModule] })
  class AppModule {}
  return AppModule;
}

describe('HealthModule', () => {
  let app: INestApplication | undefined;
  let logs: Record<string, unknown>[] = [];
  afterEach(() => app?.close());

  async function start(databaseCheck: HealthCheck, kafkaChecks: HealthCheck[], timeoutMs?: number) {
    const started = await startTestApp(
      appModule(databaseCheck, kafkaChecks),
      timeoutMs ? { health: { timeoutMs } } : {},
    );
    app = started.app;
    logs = started.logs;
    return started.server;
  }

  it('reports live while the process runs, whatever the dependencies say', async () => {
    const server = await start(failing('database', 'down'), []);

    await request(server).get('/health/live').expect(200, { status: 'ok' });
  });

  it('is ready when every check from every module passes', async () => {
    const server = await start(passing('database'), [passing('kafka'), passing('redis')]);

    const response = await request(server).get('/health/ready').expect(200);

    expect(response.body).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'up', durationMs: expect.any(Number) },
        kafka: { status: 'up', durationMs: expect.any(Number) },
        redis: { status: 'up', durationMs: expect.any(Number) },
      },
    });
  });

  it('answers 503 naming the failing dependency, and logs (never returns) its error', async () => {
    const leaky = 'password authentication failed for user "careloop" at db.internal:5432';
    const server = await start(failing('database', leaky), [passing('kafka')]);

    const response = await request(server).get('/health/ready').expect(503);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      code: 'NOT_READY',
      detail: 'Not ready: database',
      checks: {
        database: { status: 'down', durationMs: expect.any(Number) },
        kafka: { status: 'up', durationMs: expect.any(Number) },
      },
    });
    expect(response.text).not.toContain('db.internal');
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        check: 'database',
        error: leaky,
        msg: 'Readiness check failed',
      }),
    );
  });

  it('gives up on a check that hangs after the timeout, running checks in parallel', async () => {
    const server = await start(hanging('database'), [hanging('kafka')], 100);

    const started = Date.now();
    const response = await request(server).get('/health/ready').expect(503);

    expect(Date.now() - started).toBeLessThan(1000);
    expect(response.body.checks).toEqual({
      database: { status: 'down', durationMs: expect.any(Number) },
      kafka: { status: 'down', durationMs: expect.any(Number) },
    });
    expect(logs.filter((line) => line['error'] === 'no answer within 100 ms')).toHaveLength(2);
  });
});
