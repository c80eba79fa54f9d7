import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Database, PersistenceModule } from '../../src';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { counterService } from '../fixtures/counter-service';

const service = counterService('module_counters');
const DATABASE_URL = Symbol('DATABASE_URL');

@Injectable()
class CounterReader {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  count(): Promise<number> {
    return this.dataSource.getRepository(service.counter).count();
  }
}

describe('PersistenceModule', () => {
  let testDatabase: TestDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('persistence_module');
  });
  afterAll(() => testDatabase.drop());

  it('provides a migrated Database and its DataSource to other modules, and closes them on shutdown', async () => {
    @Module({ providers: [{ provide: DATABASE_URL, useValue: testDatabase.url }], exports: [DATABASE_URL] })
    class ConfigModule {}

    @Module({
      imports: [
        PersistenceModule.forRoot({
          imports: [ConfigModule],
          inject: [DATABASE_URL],
          useFactory: (url: string) => ({
            database: { url, logger: { info: () => undefined, warn: () => undefined } },
            services: [service],
          }),
        }),
      ],
      providers: [CounterReader],
    })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const database = app.get(Database);
    const dataSource = app.get(DataSource);
    expect(dataSource).toBe(database.dataSource);
    expect(database.embedded).toBe(false);
    await database.dataSource.getRepository(service.counter).save({ id: 'a', value: 1, note: null });
    expect(await app.get(CounterReader).count()).toBe(1);

    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });
});
