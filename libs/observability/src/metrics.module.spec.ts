import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { Metrics } from './metrics';
import { MetricsModule } from './metrics.module';

@Controller('slots')
class SlotsController {
  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }
}

async function startApp(service: string): Promise<INestApplication> {
  @Module({ imports: [MetricsModule.forRoot({ service })], controllers: [SlotsController] })
  class AppModule {}
  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

describe('MetricsModule', () => {
  const apps: INestApplication[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });
  async function start(service: string) {
    const app = await startApp(service);
    apps.push(app);
    return app;
  }

  it('exposes request durations by method, route pattern and status after a request', async () => {
    const app = await start('booking');
    await request(app.getHttpServer()).get('/slots/42').expect(200);
    await request(app.getHttpServer()).get('/no-such-thing').expect(404);

    const scrape = await request(app.getHttpServer()).get('/metrics').expect(200);

    expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scrape.text).toMatch(
      /http_request_duration_seconds_count\{[^}]*method="GET",route="\/slots\/:id",status_code="200"[^}]*\} 1/,
    );
    expect(scrape.text).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="unmatched",status_code="404"[^}]*\} 1/,
    );
    expect(scrape.text).toContain('service="booking"');
    expect(scrape.text).toContain('process_cpu_user_seconds_total');
  });

  it('keeps apps in one process apart', async () => {
    const booking = await start('booking');
    const reminders = await start('reminders');
    await request(booking.getHttpServer()).get('/slots/1').expect(200);

    const scrape = await request(reminders.getHttpServer()).get('/metrics').expect(200);

    expect(scrape.text).not.toContain('route="/slots/:id"');
    expect(scrape.text).toContain('service="reminders"');
  });

  it('lets app code add its own metrics to the same registry', async () => {
    const app = await start('reminders');
    const metrics = app.get(Metrics);
    const sent = metrics.counter({
      name: 'sms_sent_total',
      help: 'SMS handed to the gateway',
      labelNames: ['gateway'],
    });
    sent.inc({ gateway: 'inbox' });
    // Asking again (another provider, a second module) gets the same counter rather than a clash.
    metrics
      .counter({ name: 'sms_sent_total', help: 'SMS handed to the gateway', labelNames: ['gateway'] })
      .inc({ gateway: 'inbox' });

    const scrape = await request(app.getHttpServer()).get('/metrics').expect(200);

    expect(scrape.text).toMatch(/sms_sent_total\{gateway="inbox",service="reminders"\} 2/);
  });
});
