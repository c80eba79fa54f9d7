/** Progress goes to stderr, so stdout holds only the figures (table or JSON). */
export function progress(message: string): void {
  process.stderr.write(`[bench:events] ${message}\n`);
}

/**
 * Undo steps registered as resources are created, run last-first exactly once: at the end of the run,
 * after a failure, or on Ctrl-C. A failing step is reported and the rest still run.
 */
export class Cleanup {
  private readonly steps: { name: string; run: () => Promise<unknown> }[] = [];
  private running: Promise<void> | undefined;

  defer(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  runAll(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await step.run();
        } catch (error) {
          progress(
            `cleanup "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    })();
    return this.running;
  }
}
