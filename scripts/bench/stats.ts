// Small numeric helpers for the benchmark: medians of repeated runs and readable figures.

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const ms = (x: number | null): string => (x === null || !Number.isFinite(x) ? "—" : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
export const mb = (bytes: number | null): string => (bytes === null || !Number.isFinite(bytes) ? "—" : `${Math.round(bytes / 1048576)} MB`);
export const int = (n: number): string => n.toLocaleString("en-US").replace(/,/g, " ");

/** Wall-clock milliseconds of a synchronous call. */
export function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

/** How a timed process reports its peak memory on stderr (see peak.ts). */
export const PEAK_MARK = "BENCH_MAX_RSS=";
