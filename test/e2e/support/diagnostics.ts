import type { ServiceProcess } from '@careloop/testing';

/**
 * Wraps a test body so that, when it fails, the error carries the tail of each service's output:
 * the logs live in memory only, and a failing end-to-end test is rarely understood without them.
 */
export function withServiceLogs(
  services: () => (ServiceProcess | undefined)[],
  body: () => Promise<void>,
  tailLines = 60,
): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (error) {
      const tails = services()
        .filter((s): s is ServiceProcess => s !== undefined)
        .map((s) => {
          const stderr = s.stderr().slice(-tailLines);
          return (
            `--- ${s.app} (${s.url}) last ${tailLines} log lines ---\n${s.logs().slice(-tailLines).join('\n')}` +
            (stderr.length > 0 ? `\n--- ${s.app} stderr ---\n${stderr.join('\n')}` : '')
          );
        })
        .join('\n');
      if (error instanceof Error) {
        error.message = `${error.message}\n\n${tails}`;
        throw error;
      }
      throw new Error(`${String(error)}\n\n${tails}`);
    }
  };
}
