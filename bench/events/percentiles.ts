/** Latency figures in milliseconds. Percentiles use the nearest-rank method on the sorted samples. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest rank: the smallest sample with at least p% of the samples at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** `to - from` for every key present in both maps (e.g. commit time -> projection time). */
export function durations(from: ReadonlyMap<string, number>, to: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (const [id, start] of from) {
    const end = to.get(id);
    if (end !== undefined) out.push(end - start);
  }
  return out;
}
