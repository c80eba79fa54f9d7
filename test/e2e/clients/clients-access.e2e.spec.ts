import { randomUUID } from 'node:crypto';
import { aClient, expectProblem, send, site, useReferralsService, type ClientView } from './clients-harness';

/** Who may see and change client records over HTTP, and what bad input gets back. */
describe('clients over HTTP: access and bad input', () => {
  const { url, tokens, scenario } = useReferralsService();

  scenario(
    'GP and hospital staff get 403; service managers read but do not write; other CDASs get 404',
    async () => {
      const created = await send<ClientView>('POST', url('/clients'), tokens.keyworker, aClient());
      const id = created.body.id;
      for (const token of [tokens.gp, tokens.hospital]) {
        expectProblem(await send('GET', url(`/clients/${id}`), token), 403);
        expectProblem(await send('GET', url('/clients?name=smith'), token), 403);
        expectProblem(await send('POST', url('/clients'), token, aClient()), 403);
      }
      expect((await send('GET', url(`/clients/${id}`), tokens.manager)).status).toBe(200);
      expectProblem(
        await send('PATCH', url(`/clients/${id}`), tokens.manager, { version: 1, preferredName: 'X' }),
        403,
      );
      expectProblem(await send('GET', url(`/clients/${id}`), tokens.otherCdas), 404, 'CLIENT_NOT_FOUND');
      expectProblem(
        await send('GET', url(`/clients/${randomUUID()}`), tokens.otherCdas),
        404,
        'CLIENT_NOT_FOUND',
      );
      const theirSearch = await send<{ total: number }>('GET', url('/clients?name=joanne'), tokens.otherCdas);
      expect(theirSearch.body.total).toBe(0);
    },
  );

  scenario(
    'bad input gets a problem naming each field; conflicts and foreign sites are refused',
    async () => {
      const invalid = await send('POST', url('/clients'), tokens.keyworker, {
        name: { given: '', family: 'Smith' },
        dateOfBirth: '2/4/78',
        nhsNumber: '943 476 5918',
        siteId: site,
        gpPracticeOds: 'not an ods',
        flags: { interpreterNeeded: true },
        attendancePattern: [{ day: 'mon', from: '11:00', to: '10:00' }],
      });
      expect(
        expectProblem(invalid, 400, 'VALIDATION_FAILED')
          .errors?.map((e) => e.path)
          .sort(),
      ).toEqual(
        [
          'attendancePattern.0.to',
          'dateOfBirth',
          'flags.interpreterLanguage',
          'gpPracticeOds',
          'name.given',
          'nhsNumber',
        ].sort(),
      );
      const contact = await send('POST', url(`/clients/${randomUUID()}/contacts`), tokens.keyworker, {
        purpose: 'own_mobile',
        phone: '0161 496 0000',
      });
      expect(expectProblem(contact, 400, 'VALIDATION_FAILED').errors?.map((e) => e.path)).toEqual(['phone']);
      expect(
        expectProblem(
          await send('PATCH', url(`/clients/${randomUUID()}`), tokens.keyworker, { preferredName: 'X' }),
          400,
        ).errors?.map((e) => e.path),
      ).toEqual(['version']);
      expectProblem(await send('GET', url('/clients'), tokens.keyworker), 400, 'VALIDATION_FAILED');
      expectProblem(await send('GET', url('/clients/not-a-uuid'), tokens.keyworker), 400);

      const nhsNumber = '401 023 2137';
      expect((await send('POST', url('/clients'), tokens.keyworker, aClient({ nhsNumber }))).status).toBe(
        201,
      );
      expectProblem(
        await send('POST', url('/clients'), tokens.keyworker, aClient({ nhsNumber })),
        409,
        'CLIENT_NHS_NUMBER_IN_USE',
      );
      expectProblem(
        await send('POST', url('/clients'), tokens.keyworker, aClient({ siteId: randomUUID() })),
        422,
        'CLIENT_SITE_NOT_ALLOWED',
      );
      const docs = await send<{ paths: Record<string, unknown> }>('GET', url('/docs/json'), tokens.keyworker);
      expect(Object.keys(docs.body.paths)).toEqual(
        expect.arrayContaining([
          '/clients',
          '/clients/{clientId}',
          '/clients/{clientId}/contacts',
          '/clients/{clientId}/consents',
        ]),
      );
    },
  );
});
