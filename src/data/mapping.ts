import { HEADER_ROW, ProblemList } from './problems';

/**
 * Which CSV column plays which role. Detected from naming conventions where the names make
 * it clear; anything stated explicitly wins over detection.
 */
export interface ChannelColumns {
  /** The channel's key everywhere else in Mixwise (`tv` for `tv_spend`). */
  key: string;
  spendColumn: string;
  impressionsColumn?: string;
}

export interface MappingInput {
  date: string;
  kpi: string;
  /**
   * Channels as columns. A plain string may be a spend column (`tv_spend`) or a channel key
   * whose spend column follows a naming convention (`tv` finds `tv_spend`), which is what
   * `--channels tv,search` on the command line gives.
   */
  channels: Array<string | ChannelColumns>;
  controls: string[];
}

export interface ColumnMapping {
  date: string;
  kpi: string;
  channels: ChannelColumns[];
  controls: string[];
  /** Columns with no role: they are ignored, and the reader says so. */
  unmapped: string[];
}

const DATE_NAMES = ['date', 'week', 'week_start'];
const KPI_NAMES = ['kpi', 'revenue', 'sales'];
const SPEND_PATTERNS = [/^(.+)_spend$/, /^spend_(.+)$/, /^mdsp_(.+)$/];
const IMPRESSIONS_PATTERNS = [/^(.+)_impressions$/, /^mdip_(.+)$/];
const CONTROL_PATTERNS = [/^hldy_/, /^holiday/, /^promo/, /^ctrl_/];

/** Column names compared the way people mean them: `Week Start` is `week_start`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function channelKeyOf(column: string, patterns: RegExp[]): string | null {
  const name = normalizeName(column);
  for (const pattern of patterns) {
    const match = pattern.exec(name);
    if (match) return match[1];
  }
  return null;
}

export function detectMapping(header: string[], explicit: Partial<MappingInput> = {}): ColumnMapping {
  const claims = new ColumnClaims(header);
  const { problems } = claims;

  // Explicit names are claimed first, so detection only looks at the columns nobody claimed.
  const date = explicit.date !== undefined ? claims.locate(explicit.date, 'the date') : null;
  const kpi = explicit.kpi !== undefined ? claims.locate(explicit.kpi, 'the KPI') : null;
  const explicitChannels = explicit.channels?.map((entry) => explicitChannel(entry, claims));
  const explicitControls = explicit.controls?.map((name) => claims.locate(name, 'a control'));

  const mappedDate = explicit.date !== undefined ? date : claims.detectOne(DATE_NAMES, 'the date', 'date', '--date');
  const mappedKpi = explicit.kpi !== undefined ? kpi : claims.detectOne(KPI_NAMES, 'the KPI', 'KPI', '--kpi');
  const channels = explicitChannels ? explicitChannels.filter((c): c is ChannelColumns => c !== null) : detectChannels(claims);
  reportDuplicateKeys(channels, problems);
  if (channels.length === 0 && (explicitChannels ?? []).length === 0) {
    problems.add(HEADER_ROW, null, `No spend columns found: name them like tv_spend, spend_tv or mdsp_tv, or list the channels. Columns in the file: ${claims.headerList}`);
  }
  const controls = explicitControls ? explicitControls.filter((c): c is string => c !== null) : detectControls(claims);

  problems.throwIfAny();
  return { date: mappedDate as string, kpi: mappedKpi as string, channels, controls, unmapped: claims.unclaimed() };
}

/** The header's columns and which role each has been given, with the problems found on the way. */
class ColumnClaims {
  readonly problems = new ProblemList();
  readonly columns: string[];
  readonly headerList: string;
  private readonly roles = new Map<string, string>();

  constructor(header: string[]) {
    const trimmed = header.map((name) => name.trim());
    reportDuplicateNames(trimmed, this.problems);
    this.columns = [...new Set(trimmed.filter((name) => name !== ''))];
    this.headerList = this.columns.join(', ');
  }

  claim(column: string, role: string): void {
    const earlier = this.roles.get(column);
    if (earlier !== undefined) this.problems.add(HEADER_ROW, column, `${column} can't be both ${earlier} and ${role}`);
    else this.roles.set(column, role);
  }

  isFree(column: string): boolean {
    return !this.roles.has(column);
  }

  /** Claims an explicitly named column, or reports that the file doesn't have it. */
  locate(name: string, role: string): string | null {
    const found = findColumn(this.columns, name);
    if (found === null) this.problems.add(HEADER_ROW, name, `There is no column ${name} (given as ${role}). Columns in the file: ${this.headerList}`);
    else this.claim(found, role);
    return found;
  }

  /** Claims the one free column with a conventional name for a role, or reports none or several. */
  detectOne(names: string[], role: string, label: string, flag: string): string | null {
    const candidates = this.columns.filter((column) => this.isFree(column) && names.includes(normalizeName(column)));
    if (candidates.length === 1) {
      this.claim(candidates[0], role);
      return candidates[0];
    }
    if (candidates.length === 0) {
      this.problems.add(HEADER_ROW, null, `No ${label} column found: name it ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}, or say which column it is (${flag}). Columns in the file: ${this.headerList}`);
    } else {
      this.problems.add(HEADER_ROW, null, `Several columns could be ${role} (${candidates.join(', ')}): say which one to use (${flag})`);
    }
    return null;
  }

  unclaimed(): string[] {
    return this.columns.filter((column) => this.isFree(column));
  }
}

function detectChannels(claims: ColumnClaims): ChannelColumns[] {
  const spendColumns = claims.columns.filter((column) => claims.isFree(column) && channelKeyOf(column, SPEND_PATTERNS) !== null);
  return spendColumns.map((spendColumn) => {
    const key = channelKeyOf(spendColumn, SPEND_PATTERNS) as string;
    claims.claim(spendColumn, `spend for ${key}`);
    return withImpressions(key, spendColumn, claims);
  });
}

function detectControls(claims: ColumnClaims): string[] {
  const controls = claims.columns.filter((column) => claims.isFree(column) && CONTROL_PATTERNS.some((p) => p.test(normalizeName(column))));
  controls.forEach((column) => claims.claim(column, 'a control'));
  return controls;
}

/** Adds the channel's impressions column when a free one follows a naming convention. */
function withImpressions(key: string, spendColumn: string, claims: ColumnClaims): ChannelColumns {
  const impressionsColumn = claims.columns.find((column) => claims.isFree(column) && channelKeyOf(column, IMPRESSIONS_PATTERNS) === key);
  if (impressionsColumn === undefined) return { key, spendColumn };
  claims.claim(impressionsColumn, `impressions for ${key}`);
  return { key, spendColumn, impressionsColumn };
}

function explicitChannel(entry: string | ChannelColumns, claims: ColumnClaims): ChannelColumns | null {
  if (typeof entry !== 'string') {
    const spendColumn = claims.locate(entry.spendColumn, `spend for ${entry.key}`);
    const impressionsColumn = entry.impressionsColumn === undefined ? undefined : claims.locate(entry.impressionsColumn, `impressions for ${entry.key}`);
    if (spendColumn === null || impressionsColumn === null) return null;
    return impressionsColumn ? { key: entry.key, spendColumn, impressionsColumn } : { key: entry.key, spendColumn };
  }
  // A column name, or a channel key whose spend column follows a convention.
  const spendColumn =
    findColumn(claims.columns, entry) ?? claims.columns.find((column) => channelKeyOf(column, SPEND_PATTERNS) === normalizeName(entry)) ?? null;
  if (spendColumn === null) {
    claims.problems.add(HEADER_ROW, entry, `There is no column ${entry} (given as a channel), nor a spend column for it like ${entry}_spend. Columns in the file: ${claims.headerList}`);
    return null;
  }
  const key = channelKeyOf(spendColumn, SPEND_PATTERNS) ?? normalizeName(spendColumn);
  claims.claim(spendColumn, `spend for ${key}`);
  return withImpressions(key, spendColumn, claims);
}

/** An explicit name matched exactly, or else by its normalized form when that is unique. */
function findColumn(columns: string[], name: string): string | null {
  if (columns.includes(name)) return name;
  const alike = columns.filter((column) => normalizeName(column) === normalizeName(name));
  return alike.length === 1 ? alike[0] : null;
}

function reportDuplicateNames(columns: string[], problems: ProblemList): void {
  const seen = new Map<string, number>();
  columns.forEach((name, index) => {
    if (name === '') return;
    const earlier = seen.get(name);
    if (earlier !== undefined) problems.add(HEADER_ROW, name, `Two columns are named ${name} (columns ${earlier + 1} and ${index + 1}): rename one`);
    else seen.set(name, index);
  });
}

function reportDuplicateKeys(channels: ChannelColumns[], problems: ProblemList): void {
  const seen = new Map<string, string>();
  for (const channel of channels) {
    const earlier = seen.get(channel.key);
    if (earlier !== undefined) {
      problems.add(HEADER_ROW, channel.spendColumn, `Two columns are spend for channel ${channel.key} (${earlier} and ${channel.spendColumn}): keep one`);
    } else seen.set(channel.key, channel.spendColumn);
  }
}
