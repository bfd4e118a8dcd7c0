/**
 * CSV ingest speed and memory: rows per second reading a 10-year × 50-channel weekly file,
 * and the heap while streaming a file ~400 times larger (100 MB), which must stay near the heap of
 * the small one (streaming holds one batch, not the file).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readWeeklyCsv, streamWeeklyCsv } from '../src/data';
import { addDays } from '../src/data/dates';
import { recordBenchResults, timingSummary } from './record';

const CHANNELS = 50;
const TEN_YEARS = 520;
const LARGE_WEEKS = 200_000;

function header(): string {
  return ['date', 'revenue', ...Array.from({ length: CHANNELS }, (_, c) => `ch${c}_spend`), 'holiday'].join(',');
}

/** The cells after the date for a plausible week: a third of the spends in quoted "$1,234.56" style. */
function weekCells(week: number): string {
  const cells = [String(500_000 + (week % 97) * 1000)];
  for (let c = 0; c < CHANNELS; c++) {
    const spend = ((week * 7919 + c * 104729) % 90_000) + 1000 + 0.25;
    cells.push(c % 3 === 0 ? `"$${spend.toLocaleString('en-US')}"` : spend.toFixed(2));
  }
  cells.push(week % 52 === 51 ? '1' : '0');
  return cells.join(',');
}

/** Ten years of distinct weeks, repeated under new dates, so generating doesn't dominate the timing. */
const WEEK_CELLS = Array.from({ length: TEN_YEARS }, (_, week) => weekCells(week));

function* csvChunks(weeks: number): Generator<string> {
  yield header() + '\n';
  const rowsPerChunk = 500;
  for (let start = 0; start < weeks; start += rowsPerChunk) {
    const lines: string[] = [];
    for (let w = start; w < Math.min(weeks, start + rowsPerChunk); w++) lines.push(`${addDays('1990-01-01', 7 * w)},${WEEK_CELLS[w % TEN_YEARS]}`);
    yield lines.join('\n') + '\n';
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Streams `weeks` generated weeks, sampling the heap at every batch. */
async function streamAndWatchMemory(
  weeks: number,
): Promise<{ ms: number; peakHeapMb: number; peakHeapFirstTenthMb: number; peakLiveHeapMb: number | null; peakRssMb: number; bytes: number; rows: number }> {
  let peakHeap = 0;
  // The heap in use includes garbage not yet collected; what the reader really holds is what
  // survives a full collection (npm run bench runs node with --expose-gc), sampled every 20 batches.
  const collect = (globalThis as { gc?: () => void }).gc;
  let peakLiveHeap = 0;
  let batches = 0;
  // Memory that grew with the file would be ~10× higher at the end than in the first tenth.
  let peakHeapFirstTenth = 0;
  let rowsSoFar = 0;
  let peakRss = 0;
  let bytes = 0;
  const source = Readable.from(
    (function* () {
      for (const chunk of csvChunks(weeks)) {
        bytes += chunk.length;
        yield chunk;
      }
    })(),
  );
  const started = performance.now();
  const report = await streamWeeklyCsv(
    source,
    undefined,
    async (rows) => {
      const { heapUsed, rss } = process.memoryUsage();
      rowsSoFar += rows.length;
      if (rowsSoFar <= weeks / 10) peakHeapFirstTenth = Math.max(peakHeapFirstTenth, heapUsed);
      peakHeap = Math.max(peakHeap, heapUsed);
      peakRss = Math.max(peakRss, rss);
      if (collect && batches++ % 20 === 0) {
        collect();
        peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed);
      }
    },
    1000,
  );
  if (report.problems.length > 0) throw new Error(`generated file rejected: ${report.problems[0].message}`);
  return { ms: performance.now() - started, peakHeapMb: mb(peakHeap), peakHeapFirstTenthMb: mb(peakHeapFirstTenth), peakLiveHeapMb: collect ? mb(peakLiveHeap) : null, peakRssMb: mb(peakRss), bytes, rows: report.rowsRead };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-data-bench-'));
  try {
    const file = join(dir, 'ten_years.csv');
    writeFileSync(file, [...csvChunks(TEN_YEARS)].join(''));
    const timings: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      const { rowsRead } = await readWeeklyCsv(file);
      timings.push(performance.now() - started);
      if (rowsRead !== TEN_YEARS) throw new Error(`read ${rowsRead} rows, expected ${TEN_YEARS}`);
    }
    const tenYears = timingSummary(timings);

    const small = await streamAndWatchMemory(TEN_YEARS);
    const large = await streamAndWatchMemory(LARGE_WEEKS);
    const figures = {
      tenYearFile: { weeks: TEN_YEARS, channels: CHANNELS, ...tenYears, rowsPerSecond: Math.round((TEN_YEARS / tenYears.p50Ms) * 1000) },
      streamingSmall: { weeks: small.rows, fileMb: mb(small.bytes), peakHeapMb: small.peakHeapMb, peakLiveHeapMb: small.peakLiveHeapMb, peakRssMb: small.peakRssMb },
      streamingLarge: {
        weeks: large.rows,
        channels: CHANNELS,
        fileMb: mb(large.bytes),
        seconds: Math.round(large.ms / 100) / 10,
        rowsPerSecond: Math.round((large.rows / large.ms) * 1000),
        mbPerSecond: Math.round((mb(large.bytes) / large.ms) * 1000 * 10) / 10,
        peakHeapFirstTenthMb: large.peakHeapFirstTenthMb,
        peakHeapMb: large.peakHeapMb,
        peakLiveHeapMb: large.peakLiveHeapMb,
        peakRssMb: large.peakRssMb,
      },
    };
    process.stderr.write(`data: ${JSON.stringify(figures)}\n`);
    recordBenchResults('data', figures);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
