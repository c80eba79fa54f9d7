/** Progress goes to stderr, so stdout holds only the figures (table or JSON). */
export function progress(message: string): void {
  process.stderr.write(`[bench:reminders] ${message}\n`);
}
