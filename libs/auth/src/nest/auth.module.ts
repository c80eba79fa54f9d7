import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TokenVerifier, type TokenVerifierOptions } from '../token-verifier';
import { AuthGuard } from './auth.guard';

export interface AuthModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...deps: never[]) => TokenVerifierOptions | Promise<TokenVerifierOptions>;
}

/**
 * Makes every HTTP route of the application require a bearer token (see {@link AuthGuard}) and
 * provides {@link TokenVerifier} everywhere. Import once, in the application's root module.
 */
@Module({})
export class AuthModule {
  static forRoot(options: TokenVerifierOptions): DynamicModule {
    return AuthModule.build([], { provide: TokenVerifier, useValue: new TokenVerifier(options) });
  }

  /** For options known only once other providers exist, e.g. the development identity provider's keys. */
  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return AuthModule.build(options.imports ?? [], {
      provide: TokenVerifier,
      inject: options.inject ?? [],
      useFactory: async (...deps: never[]) => new TokenVerifier(await options.useFactory(...deps)),
    });
  }

  private static build(imports: NonNullable<ModuleMetadata['imports']>, verifier: Provider): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports,
      providers: [verifier, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenVerifier],
    };
  }
}
