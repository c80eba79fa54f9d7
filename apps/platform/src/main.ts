import 'reflect-metadata';
import { startPlatform } from './start-platform';

startPlatform(process.env)
  .then((running) => {
    running.logger.info(
      { url: running.url },
      `Careloop is ready at ${running.url} (demo logins on the home page)`,
    );
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
