/** Data in: the weekly CSV reader, its column mapping, and the data-quality report. */
export type { WeeklyData } from './weeklyData';
export { type ChannelColumns, type ColumnMapping, type MappingInput, detectMapping } from './mapping';
export { type CsvProblem, CsvRejected, CsvUnreadable, MAX_LISTED_PROBLEMS } from './problems';
export {
  type CsvInput,
  DEFAULT_BATCH_SIZE,
  MIN_WEEKS,
  type ReadOptions,
  type StreamReport,
  type WeeklyRow,
  readWeeklyCsv,
  streamWeeklyCsv,
  weeklyDataOf,
} from './readWeeklyCsv';
export { type FindingKind, type QualityFinding, type QualityOptions, checkDataQuality } from './quality';
export type { DateOrder } from './dates';
