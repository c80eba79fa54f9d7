import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Database } from './database';
import type { DatabaseOptions } from './database-options';
import type { ServiceSchema } from './service-schema';

export interface PersistenceModuleOptions {
  database: DatabaseOptions;
  services: ServiceSchema[];
}

export interface PersistenceModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  // Nest's own factory signature: arguments come from `inject`, whatever their types.
  useFactory: (...args: never[]) => PersistenceModuleOptions | Promise<PersistenceModuleOptions>;
}

/** Token of the resolved PersistenceModuleOptions. `Database` and TypeORM's `DataSource` are their own tokens. */
export const PERSISTENCE_OPTIONS = Symbol('careloop.persistence.options');

/**
 * Global module: opens the Database (migrating every listed service first) and provides it and its
 * runtime DataSource. The database closes when the application shuts down, after every other
 * module's destroy hooks have run.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  static forRoot(options: PersistenceModuleAsyncOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: PERSISTENCE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: Database,
          useFactory: (resolved: PersistenceModuleOptions) =>
            Database.open(resolved.database, resolved.services),
          inject: [PERSISTENCE_OPTIONS],
        },
        { provide: DataSource, useFactory: (database: Database) => database.dataSource, inject: [Database] },
      ],
      exports: [Database, DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
