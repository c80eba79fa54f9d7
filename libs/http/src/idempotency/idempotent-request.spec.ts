import { Controller, Module, Post } from '@nestjs/common';
import request from 'supertest';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../domain-error';
import { startTestApp } from '../start-test-app';
import { runIdempotently } from './idempotent-request';

// A manager whose queries answer from a script, in order, and that fails on any query beyond it.
function scriptedManager(...answers: unknown[][]): { manager: EntityManager; sql: string[] } {
  const sql: string[] = [];
  const manager = {
    query: async (text: string) => {
      sql.push(text);
      const answer = answers.shift();
      if (!answer) throw new Error(`unexpected query: ${text}`);
      return answer;
    },
  } as unknown as EntityManager;
  return { manager, sql };
}

const request1 = { scope: 'org-1:create-thing', key: 'k-1', body: { name: 'first' } };
const neverCreate = async () => {
  throw new Error('must not create');
};

describe('runIdempotently', () => {
  it.each(['public', 'x"; DROP TABLE y; --', 'Referrals'])(
    'refuses the schema %p before writing it into SQL',
    async (schema) => {
      const { manager, sql } = scriptedManager();
      await expect(runIdempotently(manager, schema, request1, neverCreate)).rejects.toThrow(
        /Invalid schema name|reserved/,
      );
      expect(sql).toEqual([]);
    },
  );

  it('refuses a reused key with a domain error the problem filter and consumers understand', async () => {
    const { manager } = scriptedManager([], [{ fingerprint: 'of another body', response: null }]);

    const refused = await runIdempotently(manager, 'things', request1, neverCreate).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      context: 'http',
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
      consumerDecision: 'dead-letter',
    });
  });

  it('answers a reused key with problem+json carrying code IDEMPOTENCY_KEY_REUSED', async () => {
    @Controller('things')
    class ThingsController {
      @Post()
      create() {
        const { manager } = scriptedManager([], [{ fingerprint: 'of another body', response: null }]);
        return runIdempotently(manager, 'things', request1, neverCreate);
      }
    }
    @Module({ controllers: [ThingsController] })
    class ThingsModule {}
    const { app, server } = await startTestApp(ThingsModule);
    try {
      const response = await request(server).post('/things').expect(422);
      expect(response.body).toMatchObject({
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
        title: 'Idempotency-Key already used for a different request',
      });
    } finally {
      await app.close();
    }
  });
});
