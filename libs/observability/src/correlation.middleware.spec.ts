import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { currentCorrelation } from './correlation';
import { correlationMiddleware } from './correlation.middleware';

// A bare node server: the handler answers with the correlation id it sees in its context.
function server(): Server {
  const middleware = correlationMiddleware();
  return createServer((req, res) => {
    middleware(req, res, () => {
      setImmediate(() =>
        res
          .setHeader('content-type', 'application/json')
          .end(JSON.stringify({ seen: currentCorrelation()?.correlationId ?? null })),
      );
    });
  });
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlationMiddleware', () => {
  it('keeps a sane id from the caller, echoes it, and runs the handler inside it', async () => {
    const response = await request(server()).get('/').set('x-correlation-id', 'web-7f3a9c21');

    expect(response.headers['x-correlation-id']).toBe('web-7f3a9c21');
    expect(response.body).toEqual({ seen: 'web-7f3a9c21' });
  });

  it('generates a uuid when the caller sends none', async () => {
    const response = await request(server()).get('/');

    expect(response.headers['x-correlation-id']).toMatch(uuid);
    expect(response.body).toEqual({ seen: response.headers['x-correlation-id'] });
  });

  it.each([
    ['too short', 'abc'],
    ['too long', 'a'.repeat(129)],
    ['markup', '<script>alert(1)</script>'],
    ['spaces', 'id with spaces in it'],
  ])('replaces a garbage id (%s) with a fresh uuid', async (_case, garbage) => {
    const response = await request(server()).get('/').set('x-correlation-id', garbage);

    expect(response.headers['x-correlation-id']).toMatch(uuid);
    expect(response.body).toEqual({ seen: response.headers['x-correlation-id'] });
  });

  it('gives concurrent requests their own ids', async () => {
    const app = server();
    const [a, b] = await Promise.all([
      request(app).get('/').set('x-correlation-id', 'request-aaaa'),
      request(app).get('/').set('x-correlation-id', 'request-bbbb'),
    ]);

    expect([a.body, b.body]).toEqual([{ seen: 'request-aaaa' }, { seen: 'request-bbbb' }]);
  });
});
