import { Readable } from 'node:stream';
import { checkDataQuality, CsvRejected, streamWeeklyCsv, type CsvInput, type MappingInput, type QualityFinding, type ReadOptions } from '../data';
import { Dataset } from '../entities';
import type { AppContext } from './appContext';
import { ensureDataset, loadWeeklyData, upsertWeeks, type ChannelNaming } from './datasets';
import { badInput } from './errors';

export interface IngestRequest {
  /** A file path, a stream, or the CSV text itself (`{ text }`, from GraphQL or a Slack file). */
  csv: CsvInput | { text: string };
  dataset: string;
  mapping?: Partial<MappingInput>;
  naming?: Record<string, ChannelNaming>;
  options?: ReadOptions;
}

export interface IngestResult {
  dataset: string;
  datasetId: string;
  rowsRead: number;
  weeksUpserted: number;
  newWeeks: number;
  warnings: string[];
  quality: { findings: QualityFinding[] };
}

/**
 * Reads a weekly CSV into a dataset in one transaction: rows stream in batches straight
 * into the database, and any invalid row rolls everything back, so a rejected file changes
 * nothing. New weeks mark the production model stale and count towards retraining.
 */
export async function ingestCsv(app: AppContext, request: IngestRequest): Promise<IngestResult> {
  if (request.dataset.trim() === '') throw badInput('Name the dataset to ingest into', [{ path: 'dataset', message: 'required' }]);
  const input: CsvInput = typeof request.csv === 'object' && 'text' in request.csv ? Readable.from([request.csv.text]) : request.csv;
  const outcome = await app.ds.transaction(async (tx) => {
    let datasetId: string | null = null;
    let weeksUpserted = 0;
    let newWeeks = 0;
    const report = await streamWeeklyCsv(
      input,
      request.mapping,
      async (rows, mapping) => {
        datasetId ??= (await ensureDataset(tx, request.dataset, mapping.kpi, mapping.channels.map((c) => c.key), mapping.controls, request.naming)).id;
        newWeeks += await upsertWeeks(tx, datasetId, rows.map((r) => ({ week: r.date, kpi: r.kpi, spend: r.spend, controls: r.controls })));
        weeksUpserted += rows.length;
      },
      undefined,
      { minWeeks: 1, ...request.options },
    );
    // Throwing inside the transaction rolls back every batch already written.
    if (report.problems.length > 0) throw new CsvRejected(report.problems, report.problemsNotListed);
    if (datasetId === null) throw new CsvRejected([{ row: 1, column: null, message: 'The file has a header but no weeks' }]);
    if (newWeeks > 0) {
      await tx.query(
        `UPDATE datasets SET new_weeks_since_training = new_weeks_since_training + $2,
           stale_since = CASE WHEN EXISTS (SELECT 1 FROM model_versions m WHERE m.dataset_id = $1 AND m.status = 'production') THEN COALESCE(stale_since, now()) ELSE stale_since END,
           updated_at = now()
         WHERE id = $1`,
        [datasetId, newWeeks],
      );
    }
    return { report, datasetId: datasetId as string, weeksUpserted, newWeeks };
  });
  const dataset = await app.ds.getRepository(Dataset).findOneByOrFail({ id: outcome.datasetId });
  const quality = checkDataQuality(await loadWeeklyData(app.ds, dataset.id));
  app.log.info({ dataset: dataset.name, rowsRead: outcome.report.rowsRead, newWeeks: outcome.newWeeks, findings: quality.findings.length }, 'CSV ingested');
  return {
    dataset: dataset.name,
    datasetId: dataset.id,
    rowsRead: outcome.report.rowsRead,
    weeksUpserted: outcome.weeksUpserted,
    newWeeks: outcome.newWeeks,
    warnings: outcome.report.warnings,
    quality,
  };
}
