import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimizeSpecFrom } from '../../schema/inputs/scenarioSpec';
import { ConstraintKind, ObjectiveKind, PlanAimKind, type OptimizeInput } from '../../schema/inputs/ScenarioInputs';
import { channelNames } from '../../src/language/channelNames';
import { UserFacingError } from '../../src/services/errors';
import { runMmm } from '../../testkit/helpers/processes';

/**
 * The CLI and the server behave as one: the same channel keys and names, the same rules with
 * the same words for bad numbers, and with --json one JSON document whatever goes wrong.
 */
const DATA = join(__dirname, '..', '..', 'data');
const CSV = join(DATA, 'demo_weekly.csv');
const demoNaming = JSON.parse(readFileSync(join(DATA, 'demo_channels.json'), 'utf8')) as { channels: Record<string, { displayName: string; aliases: string[]; group: string }> };
const dir = mkdtempSync(join(tmpdir(), 'mixwise-doors-'));
const namedModel = join(dir, 'named.json');
const fitArgs = ['fit', '--csv', CSV, '--date', 'date', '--kpi', 'kpi', '--channels', 'tv_spend,search_spend,social_spend,display_spend,radio_spend', '--effort', 'quick'];

interface Failure {
  error: { message: string; code: string; problems: Array<{ path?: string; message: string }> };
}

/** Runs a command that must fail: non-zero exit and exactly one JSON document on stdout. */
async function failing(args: string[]): Promise<Failure> {
  const run = await runMmm([...args, '--json']);
  expect(run.code, run.stderr).not.toBe(0);
  const document = JSON.parse(run.stdout) as Failure;
  expect(typeof document.error.message).toBe('string');
  expect(Array.isArray(document.error.problems)).toBe(true);
  return document;
}

/** What GraphQL's optimizeBudget says about the same input, one message per problem. */
function graphqlMessages(input: Partial<OptimizeInput>): string[] {
  try {
    optimizeSpecFrom({ constraints: [], weeks: 13, perWeek: false, ...input } as OptimizeInput, { channels: ['tv', 'search', 'social', 'display', 'radio'], groups: [], controls: [] });
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    return (err as UserFacingError).problems.map((p) => p.message);
  }
  throw new Error('GraphQL accepted it');
}

beforeAll(async () => {
  const run = await runMmm([...fitArgs, '--names', join(DATA, 'demo_channels.json'), '--save', namedModel, '--json']);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);

describe('channel keys and names', () => {
  it('are those the server gives the demo dataset when the names file is given, kept in the model document', async () => {
    const document = JSON.parse(readFileSync(namedModel, 'utf8')) as { channels: string[]; channelNames: Record<string, unknown> };
    expect(document.channels).toEqual(Object.keys(demoNaming.channels));
    for (const [key, naming] of Object.entries(demoNaming.channels)) expect(document.channelNames[key]).toEqual(naming);
    // A question may use the aliases; the answer uses the display names.
    const run = await runMmm(['whatif', '--model', namedModel, 'what if we move 20% from television to sem?']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/20% of TV.*to Paid Search/);
  });

  it('are derived from the keys as ingest derives them when none are given, or taken from --names', async () => {
    const derived = JSON.parse((await runMmm([...fitArgs, '--json'])).stdout) as { channelNames: Record<string, unknown> };
    for (const key of ['tv', 'search', 'social', 'display', 'radio']) expect(derived.channelNames[key]).toEqual(channelNames(key));
    expect(derived.channelNames.search).toEqual({ displayName: 'Search', aliases: [], group: 'digital' });
    const named = JSON.parse((await runMmm([...fitArgs, '--names', 'search_spend=Paid Search,tv=Linear TV', '--json'])).stdout) as { channelNames: Record<string, { displayName: string }> };
    expect(named.channelNames.search.displayName).toBe('Paid Search');
    expect(named.channelNames.tv.displayName).toBe('Linear TV');
    expect(named.channelNames.radio.displayName).toBe('Radio');
  });

  it('refuses names for channels that were not fitted, listing those that were', async () => {
    const out = await failing([...fitArgs, '--names', 'tiktok=TikTok,tv=']);
    expect(out.error.problems).toEqual([
      { path: '--names', message: '"tiktok" is not one of the channels fitted (tv, search, social, display, radio)' },
      { path: '--names tv', message: 'the display name must be 1 to 80 characters (give name=Display Name)' },
    ]);
  });
});

describe('the rules for an optimization', () => {
  it('refuse a budget of 0 or below in the words GraphQL uses', async () => {
    for (const budget of [0, -5]) {
      const out = await failing(['optimize', '--model', namedModel, '--budget', String(budget)]);
      const expected = graphqlMessages({ objective: { kind: ObjectiveKind.MAX_KPI, budget } as OptimizeInput['objective'] });
      expect(out.error.problems).toEqual([{ path: '--budget', message: expected[0] }]);
      expect(out.error.message).toBe(`Invalid optimization: --budget: ${expected[0]}`);
    }
  });

  it('refuse a horizon, a max change, a confidence and bounds out of range as GraphQL does, all at once', async () => {
    const out = await failing(['optimize', '--model', namedModel, '--weeks', '0', '--max-change', '-1', '--aim', 'confident', '--confidence', '2', '--bounds', 'tv=-3:']);
    const expected = graphqlMessages({
      weeks: 0,
      aim: PlanAimKind.CONFIDENT,
      confidence: 2,
      constraints: [
        { kind: ConstraintKind.BOUNDS, channel: 'tv', min: -3 },
        { kind: ConstraintKind.MAX_CHANGE, fraction: -1 },
      ] as OptimizeInput['constraints'],
    });
    expect(out.error.problems.map((p) => p.message).sort()).toEqual([...expected].sort());
    expect(out.error.problems.map((p) => p.path)).toEqual(['--weeks', '--bounds tv min', '--max-change', '--confidence']);
  });

  it('a budget that is not a number is named', async () => {
    const out = await failing(['optimize', '--model', namedModel, '--budget', 'lots']);
    expect(out.error.problems).toEqual([{ path: '--budget', message: 'must be a number, got "lots"' }]);
  });
});

describe('--json', () => {
  it('prints one JSON document for commander’s own errors too: unknown command, unknown option, missing option, bad value', async () => {
    expect((await failing(['forecast'])).error.message).toMatch(/Unknown command 'forecast'/);
    expect((await failing(['optimize', '--model', namedModel, '--budgte', '5'])).error.message).toMatch(/Unknown option '--budgte'/);
    expect((await failing(['optimize'])).error.message).toMatch(/Required option '--model <file>' not specified/);
    expect((await failing(['fit', '--csv', CSV, '--date', 'date', '--kpi', 'kpi', '--channels', 'tv', '--holdout', 'x'])).error.message).toMatch(/--holdout must be a whole number ≥ 0, got "x"/);
  });

  it('prints one JSON document for a missing model or CSV file, and a whatif without a question', async () => {
    expect((await failing(['fit', '--csv', join(dir, 'nope.csv'), '--date', 'date', '--kpi', 'kpi', '--channels', 'tv'])).error).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'csv', message: 'there is no such file' }] });
    expect((await failing(['whatif', '--model', join(dir, 'nope.json'), 'cut tv by 10%'])).error.problems).toEqual([{ path: '--model', message: 'file not found or unreadable' }]);
    expect((await failing(['whatif', '--model', namedModel])).error.message).toMatch(/Give a question/);
  });
});
