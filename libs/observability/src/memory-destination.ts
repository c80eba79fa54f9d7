import type { DestinationStream } from 'pino';

/** A pino destination that keeps parsed lines in memory, for tests that assert on what was logged. */
export function memoryDestination(): DestinationStream & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
}
