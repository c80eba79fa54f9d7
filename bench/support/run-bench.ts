/** One benchmark as `runBench` drives it. */
export interface Bench<A> {
  usage: string;
  /** The parsed arguments, or 'help'; throws on bad ones. */
  parseArgs(argv: string[]): A | 'help';
  /** To stderr, so stdout holds only the figures. */
  progress(message: string): void;
  /** Measures and reports; resolves to the exit code. */
  run(args: A): Promise<number>;
  /** Undoes everything `run` created; safe to call again while it is running. */
  cleanUp(): Promise<void>;
  /** Said once `cleanUp` has finished. */
  cleanedUp: string;
}

/**
 * Runs a benchmark from the command line: exit 2 on bad arguments (with the usage), 0 after --help;
 * otherwise the bench's own code, or 1 if it failed and 130 on Ctrl-C. Whatever happens, everything
 * it created is cleaned up before the process exits.
 */
export function runBench<A>(bench: Bench<A>): void {
  // Exit explicitly: client libraries may keep timers alive after everything is closed.
  main(bench).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}

async function main<A>(bench: Bench<A>): Promise<number> {
  let parsed: A | 'help';
  try {
    parsed = bench.parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${bench.usage}\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(`${bench.usage}\n`);
    return 0;
  }
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    bench.progress('interrupted; cleaning up');
    void bench.cleanUp().finally(() => process.exit(130));
  });

  try {
    return await bench.run(parsed);
  } catch (error) {
    if (interrupted) return 130; // the run was torn down under it; the error says nothing new
    bench.progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    await bench.cleanUp();
    bench.progress(bench.cleanedUp);
  }
}
