/** Small numeric helpers shared by the bench modules. */
export const median = (values: number[]): number => percentile(values, 50);

/** Nearest-rank percentile (p in 0..100); NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : 'n/a');
export const rps = (value: number): string => `${value.toFixed(value < 100 ? 1 : 0)}/s`;

/** Runs `total` calls of `job` with at most `concurrency` in flight; per-call times and the wall time. */
export async function runConcurrent<T>(total: number, concurrency: number, job: (index: number) => Promise<T>): Promise<{ results: { ms: number; value: T }[]; wallMs: number }> {
  const results: { ms: number; value: T }[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const t0 = performance.now();
      const value = await job(index);
      results.push({ ms: performance.now() - t0, value });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { results, wallMs: performance.now() - start };
}
