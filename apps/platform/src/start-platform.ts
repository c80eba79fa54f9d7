import type { Env } from '@careloop/config';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import { HomeModule } from './home/home.module';
import { platformServices } from './platform-services';
import { seedDemoData } from './seed/seed-demo-data';

/**
 * Every service module in one process. Embedded defaults (PGlite, in-process bus and scheduler, the
 * development identity provider, demo data) unless the environment picks real adapters.
 */
export async function startPlatform(env: Env): Promise<RunningServices> {
  const embeddedDatabase = !env['DATABASE_URL'];
  const config = loadRuntimeConfig(env, {
    PORT: '3000',
    DEV_IDP: embeddedDatabase ? 'true' : 'false',
    SEED_DEMO_DATA: embeddedDatabase ? 'true' : 'false',
  });
  const running = await startServices(platformServices, config, {
    extraModules: [HomeModule],
    title: 'Careloop platform',
  });
  if (config.SEED_DEMO_DATA) {
    try {
      await seedDemoData(running.url);
    } catch (error) {
      // A platform that failed its seed is not started: nothing may be left listening.
      await running.close();
      throw error;
    }
  }
  return running;
}
