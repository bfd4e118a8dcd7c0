import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { IngestResult } from '../../src/services/ingest';

@InputType('ColumnMappingInput', { description: 'Which CSV columns hold what; anything left out is detected from the column names.' })
export class ColumnMappingInput {
  @Field(() => String, { nullable: true, description: 'Week date column.' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'KPI column.' })
  kpi?: string | null;

  @Field(() => [String], { nullable: true, description: 'Spend columns or channel keys (`tv` finds `tv_spend`).' })
  channels?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Control columns.' })
  controls?: string[] | null;
}

@InputType('IngestCsvInput', { description: 'A weekly CSV to add to a dataset.' })
export class IngestCsvInput {
  @Field(() => String, { description: 'The CSV text, header first.' })
  csv!: string;

  @Field(() => String, { description: 'Dataset name; created when new, else weeks are added or updated.' })
  dataset!: string;

  @Field(() => ColumnMappingInput, { nullable: true, description: 'Column mapping, when the names do not make it clear.' })
  mapping?: ColumnMappingInput | null;
}

@ObjectType('QualityFinding', { description: 'Something odd in the data worth a look (not an error).' })
export class QualityFindingType {
  @Field(() => String, { description: 'What kind of finding (e.g. outlier, stoppedChannel).' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Channel concerned, if any.' })
  channel!: string | null;

  @Field(() => String, { nullable: true, description: 'Week concerned (ISO date), or null for the whole series.' })
  week!: string | null;

  @Field(() => String, { description: 'The finding in words.' })
  detail!: string;
}

@ObjectType('IngestResult', { description: 'What an ingest did.' })
export class IngestResultType {
  @Field(() => ID, { description: 'The dataset written to.' })
  datasetId!: string;

  @Field(() => String, { description: 'Its name.' })
  datasetName!: string;

  @Field(() => Int, { description: 'Data rows read from the file.' })
  rowsRead!: number;

  @Field(() => Int, { description: 'Weeks inserted or updated.' })
  weeksUpserted!: number;

  @Field(() => Int, { description: 'Weeks that were new to the dataset.' })
  newWeeks!: number;

  @Field(() => [String], { description: 'Things to know about how the file was read.' })
  warnings!: string[];

  @Field(() => [QualityFindingType], { description: 'Data-quality findings on the whole dataset after the ingest.' })
  findings!: QualityFindingType[];

  static from(result: IngestResult): IngestResultType {
    return Object.assign(new IngestResultType(), {
      datasetId: result.datasetId,
      datasetName: result.dataset,
      rowsRead: result.rowsRead,
      weeksUpserted: result.weeksUpserted,
      newWeeks: result.newWeeks,
      warnings: result.warnings,
      findings: result.quality.findings.map((f) => Object.assign(new QualityFindingType(), f)),
    });
  }
}
