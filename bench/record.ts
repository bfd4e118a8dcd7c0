import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run bench` keeps its figures; each area owns one top-level key. */
export const RESULTS_PATH = join(__dirname, '..', '..', 'bench', 'results.json');

export function recordBenchResults(area: string, figures: Record<string, unknown>): void {
  const path = existsSync(RESULTS_PATH) || existsSync(join(RESULTS_PATH, '..')) ? RESULTS_PATH : join(process.cwd(), 'bench', 'results.json');
  const all = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  all[area] = { ...figures, measuredAt: new Date().toISOString() };
  writeFileSync(path, JSON.stringify(all, null, 2) + '\n');
}

/** Summary statistics of a list of timings in milliseconds. */
export function timingSummary(samplesMs: number[]): { n: number; meanMs: number; p50Ms: number; p95Ms: number; p99Ms: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { n: sorted.length, meanMs: round(mean), p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), p99Ms: round(at(0.99)) };
}
