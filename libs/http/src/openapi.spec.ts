import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { z } from 'zod';
import { startTestApp } from './start-test-app';

const BookAppointment = z.object({
  slotId: z.uuid(),
  clientId: z.string().min(1),
  note: z.string().max(500).optional(),
});

@Controller('appointments')
class AppointmentsController {
  @Post()
  book(@Body({ schema: BookAppointment }) body: z.output<typeof BookAppointment>) {
    return body;
  }
}

@Module({ controllers: [AppointmentsController] })
class BookingModule {}

describe('setupOpenApi', () => {
  let app: INestApplication;
  let server: ReturnType<INestApplication['getHttpServer']>;
  beforeAll(async () => {
    ({ app, server } = await startTestApp(BookingModule, {
      service: 'booking',
      openApi: { title: 'Booking API', version: '1.2.0' },
    }));
  });
  afterAll(() => app.close());

  it('serves the document at /docs/json with the zod body schema and bearer auth', async () => {
    const response = await request(server).get('/docs/json').expect(200);
    const document = response.body;

    expect(document.info).toMatchObject({ title: 'Booking API', version: '1.2.0' });
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const body = document.paths['/appointments'].post.requestBody.content['application/json'].schema;
    const schema = body.$ref ? document.components.schemas[body.$ref.split('/').pop()] : body;
    expect(schema).toMatchObject({
      type: 'object',
      required: ['slotId', 'clientId'],
      properties: { slotId: { type: 'string', format: 'uuid' }, note: { type: 'string', maxLength: 500 } },
    });
  });

  it('lists health but not the metrics scrape endpoint', async () => {
    const { body } = await request(server).get('/docs/json').expect(200);

    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
    expect(body.paths).not.toHaveProperty('/metrics');
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await request(server).get('/docs').expect(200);

    expect(response.text).toContain('swagger-ui');
  });
});
