import {
  Body,
  CanActivate,
  Controller,
  Get,
  Injectable,
  Module,
  Param,
  Post,
  Query,
  UseGuards,
  UnauthorizedException,
} from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { z } from 'zod';
import { defineErrors } from './domain-error';
import { IdempotencyKey } from './idempotency-key';
import { startTestApp } from './start-test-app';

class ReferralError extends defineErrors('referrals', {
  REFERRAL_NOT_FOUND: { status: 404, title: 'Referral not found', consumer: 'dead-letter' },
  REFERRAL_ALREADY_CLOSED: { status: 409, title: 'Referral already closed', consumer: 'ignore' },
}) {}

const CreateReferral = z.object({
  nhsNumber: z.string().regex(/^\d{10}$/, 'must be 10 digits'),
  reason: z.string().min(1),
  urgency: z.enum(['routine', 'urgent']),
});
const ListQuery = z.object({ limit: z.coerce.number().int().max(100) });

@Injectable()
class DenyGuard implements CanActivate {
  canActivate(): boolean {
    throw new UnauthorizedException('Missing bearer token');
  }
}

const created: unknown[] = [];
const nestLogger = new Logger('ReferralsController');

@Controller('referrals')
class ReferralsController {
  @Get()
  list(@Query({ schema: ListQuery }) query: z.output<typeof ListQuery>) {
    return { limit: query.limit };
  }

  @Get('secret')
  @UseGuards(DenyGuard)
  secret() {
    return 'never';
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection to db:5432 refused; password=hunter2');
  }

  @Get('of-client/:clientId')
  ofClient(@Param('clientId', { schema: z.uuid() }) clientId: string) {
    return { clientId };
  }

  @Get(':id')
  get(@Param('id') id: string): never {
    throw new ReferralError('REFERRAL_NOT_FOUND', {
      detail: `No referral ${id}`,
      extensions: { referralId: id },
    });
  }

  @Post()
  create(
    @Body({ schema: CreateReferral }) body: z.output<typeof CreateReferral>,
    @IdempotencyKey() key: string | undefined,
  ) {
    created.push(body);
    nestLogger.log(`referral created for ${body.urgency} request`);
    return { ...body, idempotencyKey: key ?? null };
  }
}

@Module({ controllers: [ReferralsController], providers: [DenyGuard] })
class ReferralsModule {}

const problemJson = /^application\/problem\+json/;

function postInTwoPackets(
  app: NestExpressApplication,
  path: string,
  headers: Record<string, string>,
  parts: [string, string],
): Promise<number> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const length = Buffer.byteLength(parts.join(''));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.flushHeaders();
    req.write(parts[0]);
    setTimeout(() => req.end(parts[1]), 50);
  });
}

describe('createHttpApp', () => {
  let app: NestExpressApplication;
  let server: ReturnType<NestExpressApplication['getHttpServer']>;
  let logs: Record<string, unknown>[];

  beforeAll(async () => {
    ({ app, server, logs } = await startTestApp(ReferralsModule, { bodyLimit: '1kb' }));
  });
  afterAll(() => app.close());
  beforeEach(() => {
    created.length = 0;
    logs.length = 0;
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await request(server).get('/nowhere').expect(404);

    expect(response.headers['content-type']).toMatch(problemJson);
    expect(response.body).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'NOT_FOUND',
      instance: '/nowhere',
    });
  });

  it('answers a guard rejection with its status as a problem', async () => {
    const response = await request(server).get('/referrals/secret').expect(401);

    expect(response.headers['content-type']).toMatch(problemJson);
    expect(response.body).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
      detail: 'Missing bearer token',
    });
  });

  it('maps a domain error to its status, code, title and detail', async () => {
    const response = await request(server).get('/referrals/r-404').expect(404);

    expect(response.headers['content-type']).toMatch(problemJson);
    expect(response.body).toEqual({
      type: 'urn:careloop:problem:referrals:referral-not-found',
      title: 'Referral not found',
      status: 404,
      detail: 'No referral r-404',
      code: 'REFERRAL_NOT_FOUND',
      referralId: 'r-404',
      instance: '/referrals/r-404',
      correlationId: response.headers['x-correlation-id'],
    });
  });

  it('passes a valid body to the handler, parsed by its zod schema', async () => {
    const body = { nhsNumber: '9434765919', reason: 'alcohol', urgency: 'urgent', ignored: true };

    const response = await request(server).post('/referrals').send(body).expect(201);

    expect(response.body).toEqual({
      nhsNumber: '9434765919',
      reason: 'alcohol',
      urgency: 'urgent',
      idempotencyKey: null,
    });
  });

  it('rejects an invalid body with every issue listed, without calling the handler', async () => {
    const response = await request(server)
      .post('/referrals')
      .send({ nhsNumber: '123', urgency: 'whenever' })
      .expect(400);

    expect(response.headers['content-type']).toMatch(problemJson);
    expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: 'Invalid request' });
    expect(response.body.errors).toEqual([
      { in: 'body', path: 'nhsNumber', message: 'must be 10 digits' },
      { in: 'body', path: 'reason', message: expect.any(String) },
      { in: 'body', path: 'urgency', message: expect.stringContaining('routine') },
    ]);
    expect(created).toEqual([]);
  });

  it('names a path parameter that fails its schema', async () => {
    const response = await request(app.getHttpServer()).get('/referrals/of-client/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ in: 'path', path: 'clientId', message: expect.any(String) }]);
  });

  it('validates query strings the same way', async () => {
    const response = await request(server).get('/referrals?limit=5000').expect(400);

    expect(response.body.errors).toEqual([{ in: 'query', path: 'limit', message: expect.any(String) }]);
    await request(server).get('/referrals?limit=20').expect(200, { limit: 20 });
  });

  it('answers malformed JSON with a 400 problem, keeping the correlation id', async () => {
    const response = await request(server)
      .post('/referrals')
      .set('content-type', 'application/json')
      .set('x-correlation-id', 'client-0001')
      .send('{"nhsNumber": ')
      .expect(400);

    expect(response.headers['content-type']).toMatch(problemJson);
    expect(response.body).toMatchObject({
      status: 400,
      code: 'MALFORMED_JSON',
      correlationId: 'client-0001',
    });
    expect(response.headers['x-correlation-id']).toBe('client-0001');
    expect(created).toEqual([]);
  });

  it('refuses a body over the limit with a 413 problem', async () => {
    const response = await request(server)
      .post('/referrals')
      .send({ reason: 'x'.repeat(2048) })
      .expect(413);

    expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('hides an unexpected error behind a 500 whose errorId is in the error log with the stack', async () => {
    const response = await request(server)
      .get('/referrals/boom')
      .set('x-correlation-id', 'client-0002')
      .expect(500);

    expect(response.headers['content-type']).toMatch(problemJson);
    expect(response.body).toMatchObject({
      status: 500,
      title: 'Internal Server Error',
      code: 'INTERNAL_SERVER_ERROR',
      errorId: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toMatch(/hunter2|at ReferralsController|\.ts:/);

    const logged = logs.find((line) => line['errorId'] === response.body.errorId);
    expect(logged).toMatchObject({ level: 'error', correlationId: 'client-0002', url: '/referrals/boom' });
    expect((logged?.['err'] as { stack: string }).stack).toContain('hunter2');
  });

  it('stamps log lines written while handling a request with its correlation id, even when the body arrives late', async () => {
    // The body comes in a later packet, so the parser resumes from a socket event outside the context.
    const status = await postInTwoPackets(app, '/referrals', { 'x-correlation-id': 'client-0003' }, [
      '{"nhsNumber": "9434765919", ',
      '"reason": "opiates", "urgency": "routine"}',
    ]);

    expect(status).toBe(201);
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'referral created for routine request',
        correlationId: 'client-0003',
        context: 'ReferralsController',
      }),
    );
  });

  it('hands a well-formed Idempotency-Key to the handler and rejects a malformed one', async () => {
    const body = { nhsNumber: '9434765919', reason: 'alcohol', urgency: 'urgent' };
    const key = '0b7a2f6e-1c1d-4a4e-9d61-1f4f2c7d8e90';

    const accepted = await request(server)
      .post('/referrals')
      .set('Idempotency-Key', `"${key}"`)
      .send(body)
      .expect(201);
    expect(accepted.body.idempotencyKey).toBe(key);

    const rejected = await request(server)
      .post('/referrals')
      .set('Idempotency-Key', 'no spaces please')
      .send(body)
      .expect(400);
    expect(rejected.body.errors).toEqual([
      { in: 'header', path: 'Idempotency-Key', message: expect.any(String) },
    ]);
  });
});
