import { Module, type DynamicModule } from '@nestjs/common';
import { DevIdpController } from './dev-idp.controller';
import { assertDevIdpEnabled, DevIdentityProvider, type DevIdpOptions } from './dev-identity-provider';

/**
 * The development identity provider's routes and keys. Global so that
 * `AuthModule.forRootAsync({ inject: [DevIdentityProvider], useFactory: (idp) => idp.verifierOptions() })`
 * can trust it in the same process.
 */
@Module({})
export class DevIdpModule {
  static forRoot(options: DevIdpOptions): DynamicModule {
    assertDevIdpEnabled(options);
    return {
      module: DevIdpModule,
      global: true,
      controllers: [DevIdpController],
      providers: [{ provide: DevIdentityProvider, useFactory: () => DevIdentityProvider.create(options) }],
      exports: [DevIdentityProvider],
    };
  }
}
