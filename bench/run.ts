/**
 * `npm run bench`: runs every benchmark area in turn and writes bench/results.json.
 * Each area is a module under bench/ exporting `run()`, which records its own figures.
 * Pass area names to run only those: `npm run bench -- mmm optimizer`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const areas = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .map((f) => f.replace(/\.bench\.js$/, ''))
    .filter((a) => only.length === 0 || only.includes(a));
  for (const area of areas) {
    process.stderr.write(`bench: ${area}\n`);
    const mod = (await import(join(__dirname, `${area}.bench.js`))) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
