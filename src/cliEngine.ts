import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readWeeklyCsv } from './data';
import { channelSummaries, fitModel, serializeModel } from './mmm';
import { csvList, io, positiveInt } from './cli';

/**
 * The engine commands that need no database: `fit`, `whatif`, `optimize` work on CSV files
 * and model documents, so analysts can use the model without running the server.
 */
export function registerEngineCommands(program: Command): void {
  program
    .command('fit')
    .description('fit a media-mix model on a weekly CSV (no database)')
    .requiredOption('--csv <file>', 'weekly CSV file')
    .requiredOption('--date <column>', 'date column')
    .requiredOption('--kpi <column>', 'KPI column')
    .requiredOption('--channels <a,b,...>', 'spend columns, one per channel (channel keys are these names)', csvList)
    .option('--controls <x,y>', 'control columns', csvList, [])
    .option('--holdout <weeks>', 'weeks held out at the end to measure forecast error', positiveInt('--holdout'), 0)
    .option('--seed <n>', 'random seed (same seed, same model)', positiveInt('--seed'), 1)
    .option('--save <file>', 'write the model document (JSON) here')
    .option('--json', 'print one JSON document')
    .action(async (opts: { csv: string; date: string; kpi: string; channels: string[]; controls: string[]; holdout: number; seed: number; save?: string }) => {
      const { log, print } = io();
      const { data } = await readWeeklyCsv(opts.csv, {
        date: opts.date,
        kpi: opts.kpi,
        channels: opts.channels.map((column) => ({ key: column, spendColumn: column })),
        controls: opts.controls,
      });
      const started = performance.now();
      const model = await fitModel(data, {
        holdoutWeeks: opts.holdout,
        seed: opts.seed,
        onProgress: (p) => process.stderr.write(`\r${p.stage} ${p.done}/${p.total}   `),
      });
      const fitMs = Math.round(performance.now() - started);
      process.stderr.write('\n');
      if (opts.save) writeFileSync(opts.save, serializeModel(model));
      const summaries = channelSummaries(model);
      const channels = Object.fromEntries(
        Object.entries(summaries).map(([key, s]) => [
          key,
          { roas: s.roas, roasLow: s.roasLow, roasHigh: s.roasHigh, mroas: s.mroas, decay: s.decay, halfSaturation: s.halfSaturation, contributionShare: s.contributionShare },
        ]),
      );
      const m = model.metrics;
      const lines = [
        `Fitted ${data.channels.length} channels on ${data.dates.length} weeks in ${fitMs} ms`,
        `R² ${m.r2.toFixed(3)}, MAPE ${(m.mape * 100).toFixed(1)}%` + (m.holdoutMape !== null ? `, holdout MAPE ${(m.holdoutMape * 100).toFixed(1)}%` : ''),
        ...Object.entries(channels).map(([k, c]) => `  ${k.padEnd(12)} ROAS ${c.roas.toFixed(2)} (90%: ${c.roasLow.toFixed(2)}–${c.roasHigh.toFixed(2)}), marginal ${c.mroas.toFixed(2)}, share ${(c.contributionShare * 100).toFixed(1)}%`),
      ];
      log.debug({ fitMs }, 'fit done');
      print({ channels, metrics: { r2: m.r2, mape: m.mape, nrmse: m.nrmse, holdoutMape: m.holdoutMape, holdoutR2: m.holdoutR2 }, fitMs }, lines.join('\n'));
    });
}
