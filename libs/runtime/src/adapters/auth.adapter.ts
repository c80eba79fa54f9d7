import type { DynamicModule } from '@nestjs/common';
import { AuthModule, DevIdentityProvider, DevIdpModule } from '@careloop/auth';
import type { RuntimeConfig } from '../runtime-config';

export const DEV_IDP_ISSUER = 'careloop-dev-idp';

/**
 * Bearer tokens from the configured identity provider (issuer + JWKS), or, in embedded mode only, from
 * the development identity provider in this process. Configuration validation refuses the latter with
 * a real database.
 */
export function authModules(config: RuntimeConfig): DynamicModule[] {
  if (config.DEV_IDP) {
    const issuer = config.AUTH_ISSUER ?? DEV_IDP_ISSUER;
    return [
      DevIdpModule.forRoot({ enabled: true, issuer, audience: config.AUTH_AUDIENCE }),
      AuthModule.forRootAsync({
        inject: [DevIdentityProvider],
        useFactory: (idp: DevIdentityProvider) => idp.verifierOptions(),
      }),
    ];
  }
  return [
    AuthModule.forRoot({
      issuer: config.AUTH_ISSUER!,
      audience: config.AUTH_AUDIENCE,
      keys: { jwksUrl: config.AUTH_JWKS_URL! },
    }),
  ];
}
