import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { DEMO_USER_IDS } from '../dev-idp/demo-directory';
import { DevIdentityProvider } from '../dev-idp/dev-identity-provider';
import { DevIdpModule } from '../dev-idp/dev-idp.module';
import type { Principal } from '../principal';
import { AuthModule } from './auth.module';
import { CurrentPrincipal } from './current-principal.decorator';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';

@Controller('referrals')
class ReferralsController {
  @Public()
  @Get('service-status')
  status() {
    return { up: true };
  }

  @Get('mine')
  mine(@CurrentPrincipal() principal: Principal) {
    return { userId: principal.userId, orgId: principal.orgId };
  }

  @Roles('nurse', 'clinician')
  @Get('clinical-notes')
  clinicalNotes() {
    return { notes: [] };
  }
}

@Public()
@Controller('health')
class HealthLikeController {
  @Get()
  health() {
    return { status: 'ok' };
  }
}

@Module({
  imports: [
    DevIdpModule.forRoot({ enabled: true, issuer: 'http://careloop.test/auth/dev', audience: 'careloop' }),
    AuthModule.forRootAsync({
      inject: [DevIdentityProvider],
      useFactory: (idp: DevIdentityProvider) => idp.verifierOptions(),
    }),
  ],
  controllers: [ReferralsController, HealthLikeController],
})
class TestAppModule {}

describe('AuthModule with the development identity provider', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  async function tokenFor(username: string): Promise<string> {
    const res = await http().post('/auth/dev/token').send({ username }).expect(200);
    return (res.body as { access_token: string }).access_token;
  }

  beforeAll(async () => {
    app = await NestFactory.create(TestAppModule, { logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('serves public routes without a token', async () => {
    await http().get('/referrals/service-status').expect(200, { up: true });
  });

  it('serves routes other libraries mark public, such as health checks', async () => {
    await http().get('/health').expect(200, { status: 'ok' });
  });

  it('refuses a protected route without a token, with a Bearer challenge', async () => {
    const res = await http().get('/referrals/mine').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="careloop"');
    expect(res.body).toMatchObject({ message: 'A bearer token is required' });
  });

  it('refuses another authentication scheme', async () => {
    const res = await http()
      .get('/referrals/mine')
      .set('Authorization', 'Basic YWxleDpwYXNzd29yZA==')
      .expect(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(res.body).toMatchObject({ message: 'The Authorization header must use the Bearer scheme' });
  });

  it('refuses a garbled token', async () => {
    const res = await http().get('/referrals/mine').set('Authorization', 'Bearer not.a.token').expect(401);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="careloop", error="invalid_token", error_description="Token is malformed"',
    );
  });

  it('refuses a token signed by another identity provider', async () => {
    const other = await DevIdentityProvider.create({
      enabled: true,
      issuer: 'http://careloop.test/auth/dev',
      audience: 'careloop',
    });
    const { access_token } = await other.issueToken('alex.morgan');
    await http().get('/referrals/mine').set('Authorization', `Bearer ${access_token}`).expect(401);
  });

  it('lets a signed-in user in and tells the handler who they are', async () => {
    const token = await tokenFor('alex.morgan');
    const res = await http().get('/referrals/mine').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toEqual({ userId: DEMO_USER_IDS.drugWorker, orgId: expect.any(String) });
  });

  it('forbids a route to a user without one of its roles, and allows it to one with', async () => {
    const drugWorker = await tokenFor('alex.morgan');
    const nurse = await tokenFor('priya.shah');
    const res = await http()
      .get('/referrals/clinical-notes')
      .set('Authorization', `Bearer ${drugWorker}`)
      .expect(403);
    expect(res.body).toMatchObject({ message: 'This needs one of these roles: nurse, clinician' });
    expect(res.headers['www-authenticate']).toBeUndefined();
    await http().get('/referrals/clinical-notes').set('Authorization', `Bearer ${nurse}`).expect(200);
  });

  it('lists the demo users and publishes its key set without a token', async () => {
    const users = await http().get('/auth/dev/users').expect(200);
    expect(users.body).toHaveLength(8);
    expect(users.body).toContainEqual(
      expect.objectContaining({
        username: 'jo.bennett',
        orgName: 'St Elsewhere Hospital',
        roles: ['clinic_admin'],
      }),
    );
    // The commissioner the demo CDAS shares its report with: an organisation without sites.
    expect(users.body).toContainEqual(
      expect.objectContaining({ username: 'dana.okafor', orgKind: 'commissioner', siteIds: [] }),
    );
    const jwks = await http().get('/auth/dev/jwks.json').expect(200);
    expect(jwks.body.keys).toHaveLength(1);
  });

  it('refuses a token request for an unknown or missing username', async () => {
    const unknown = await http().post('/auth/dev/token').send({ username: 'mallory' }).expect(400);
    expect(unknown.body).toMatchObject({ message: 'There is no demo user called "mallory"' });
    await http().post('/auth/dev/token').send({}).expect(400);
  });
});
