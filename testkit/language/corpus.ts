/**
 * The development corpus: phrasings generated from templates × channel synonyms × amount forms ×
 * typos × Slack markup × follow-ups, each with the exact intent it must parse to. Expected specs
 * are built from the template's own parameters (fixture.ts spend), never from parser output.
 * Shared by test/language/corpus.test.ts and the language benchmark.
 */
import type { Amount, Intent, PlanChange } from '../../src/scenarios/spec';

export interface CorpusCase {
  message: string;
  expect: Intent;
  previous?: Intent;
  /** A pattern the restatement must match (every answer says what it ran). */
  restates?: RegExp;
  kind: string;
}

/** Names a marketer uses for each fixture channel: key, display name, aliases, synonyms, any case. */
const NAMES: Record<string, string[]> = {
  tv: ['TV', 'tv', 'television', 'linear TV', 'TV ads'],
  search: ['search', 'Paid Search', 'SEM', 'PPC', 'google ads', 'paid search'],
  social: ['social', 'Paid Social', 'Facebook ads', 'facebook', 'social media'],
  display: ['display', 'Display', 'banners', 'programmatic'],
  radio: ['radio', 'Radio', 'audio'],
};
const PAIRS: Array<[string, string]> = [
  ['tv', 'search'],
  ['tv', 'social'],
  ['radio', 'search'],
  ['display', 'social'],
  ['search', 'display'],
  ['social', 'radio'],
];
const SPEND: Record<string, number> = { tv: 120_000, search: 60_000, social: 30_000, display: 20_000, radio: 15_000, print: 10_000 };

const pct = (value: number): Amount => ({ unit: 'percent', value });
const weekly = (value: number): Amount => ({ unit: 'money', value, per: 'week' });
const total = (value: number): Amount => ({ unit: 'money', value, per: 'horizon' });
const whatIf = (changes: PlanChange[], weeks = 13): Intent => ({ kind: 'whatIf', spec: { changes, weeks } });
const shift = (from: string, to: string, amount: Amount): PlanChange => ({ kind: 'shift', from, to: [{ channel: to, share: 1 }], amount });
const scale = (channel: string, by: Amount): PlanChange => ({ kind: 'scale', channel, by });
const clarifyOf = (): Intent => ({ kind: 'clarify', question: '' });

/** Percent amounts as typed, with their value. */
const PERCENTS: Array<[string, number]> = [
  ['20%', 20],
  ['15 percent', 15],
  ['25 pct', 25],
  ['a quarter', 25],
  ['a fifth', 20],
  ['half', 50],
  ['10%', 10],
];
/** Weekly money as typed, with its value. */
const WEEKLY_MONEY: Array<[string, number]> = [
  ['$10k a week', 10_000],
  ['10K/week', 10_000],
  ['$5,000 per week', 5_000],
  ['8k weekly', 8_000],
];

const name = (key: string, i: number) => NAMES[key][i % NAMES[key].length];

function shifts(): CorpusCase[] {
  const templates = [
    'move {a} from {f} to {t}',
    'what if we move {a} from {f} to {t}?',
    'shift {a} of {f} to {t}',
    'reallocate {a} from {f} into {t}',
    'what happens if we shift {a} from {f} to {t}',
    '{f} -> {t} {a}',
    '{f} → {t} {a}',
    'move {a} {f} to {t}',
    'take {a} from {f} and put it in {t}',
    'what if {a} of {f} went to {t}',
  ];
  const out: CorpusCase[] = [];
  let i = 0;
  for (const template of templates) {
    for (const [from, to] of PAIRS) {
      const [text, value] = PERCENTS[i % PERCENTS.length];
      const message = template.replace('{a}', text).replace('{f}', name(from, i)).replace('{t}', name(to, i + 1));
      out.push({ kind: 'shift', message, expect: whatIf([shift(from, to, pct(value))]), restates: /^Moving \d+(?:\.\d+)?% of/ });
      const [moneyText, money] = WEEKLY_MONEY[i % WEEKLY_MONEY.length];
      if (!template.startsWith('{f}') && !template.includes('went')) {
        out.push({ kind: 'shift', message: template.replace('{a}', moneyText).replace('{f}', name(from, i + 2)).replace('{t}', name(to, i)), expect: whatIf([shift(from, to, weekly(money))]) });
      }
      i++;
    }
  }
  // A scenario asked about in ROI words is still the scenario.
  for (const [from, to] of PAIRS) {
    out.push({ kind: 'shift', message: `thinking about shifting 5k a week from ${name(from, 1)} to ${name(to, 2)}, is it worth it?`, expect: whatIf([shift(from, to, weekly(5_000))]) });
    out.push({ kind: 'shift', message: `how would performance change if we moved 10% from ${name(from, 2)} to ${name(to, 0)}`, expect: whatIf([shift(from, to, pct(10))]) });
  }
  // Numbers in words.
  for (const [text, amount] of [['twenty five percent', pct(25)], ['thirty-five percent', pct(35)], ['fifteen thousand dollars a week', weekly(15_000)], ['one hundred thousand a week', weekly(100_000)], ['two hundred k a week', weekly(200_000)]] as const) {
    out.push({ kind: 'shift', message: `move ${text} from ${name('tv', 0)} to ${name('search', 1)}`, expect: whatIf([shift('tv', 'search', amount)]) });
  }
  out.push({ kind: 'shift', message: 'move one and a half million from TV to search over the next quarter', expect: whatIf([shift('tv', 'search', total(1_500_000))]) });
  // Money over a named horizon is a total.
  for (const [from, to] of PAIRS) {
    out.push({ kind: 'shift', message: `move $120k from ${name(from, 0)} to ${name(to, 1)} over the next 8 weeks`, expect: whatIf([shift(from, to, total(120_000))], 8) });
    out.push({ kind: 'shift', message: `what if we moved 260K from ${name(from, 1)} to ${name(to, 2)} over the next quarter`, expect: whatIf([shift(from, to, total(260_000))]) });
  }
  return out;
}

function scalings(): CorpusCase[] {
  const down = ['cut {c} by {a}', 'reduce {c} by {a}', 'what if we cut {c} {a}', 'lower {c} by {a}', 'decrease {c} spend by {a}', 'trim {c} by {a}'];
  const up = ['increase {c} by {a}', 'boost {c} by {a}', 'what if we raise {c} by {a}', 'add {a} to {c}', 'grow {c} by {a}'];
  const out: CorpusCase[] = [];
  let i = 0;
  for (const key of Object.keys(NAMES)) {
    for (const template of down) {
      const [text, value] = PERCENTS[i++ % PERCENTS.length];
      out.push({ kind: 'scale', message: template.replace('{a}', text).replace('{c}', name(key, i)), expect: whatIf([scale(key, pct(-value))]), restates: /^(?:Cutting|Halving) / });
    }
    for (const template of up) {
      const [text, value] = PERCENTS[i++ % PERCENTS.length];
      if (template.startsWith('add') && text === 'half') continue;
      out.push({ kind: 'scale', message: template.replace('{a}', text).replace('{c}', name(key, i)), expect: whatIf([scale(key, pct(value))]), restates: /^Raising / });
      const [moneyText, money] = WEEKLY_MONEY[i % WEEKLY_MONEY.length];
      out.push({ kind: 'scale', message: template.replace('{a}', moneyText).replace('{c}', name(key, i + 1)), expect: whatIf([scale(key, weekly(money))]) });
    }
    out.push({ kind: 'scale', message: `double ${name(key, i)}`, expect: whatIf([scale(key, pct(100))]) });
    out.push({ kind: 'scale', message: `what if we halve ${name(key, i + 1)}`, expect: whatIf([scale(key, pct(-50))]) });
  }
  return out;
}

function setSpend(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const key of Object.keys(NAMES)) {
    for (const [i, template] of ['what if {c} were $260k over the next quarter', 'set {c} to $260k over the next 13 weeks', 'what if we spent $260k on {c} over the next quarter'].entries()) {
      out.push({ kind: 'set', message: template.replace('{c}', name(key, i)), expect: whatIf([{ kind: 'set', channel: key, weeklySpend: 20_000 }]), restates: /^Setting .* to \$20k a week/ });
    }
    // Money per quarter, per year, per month is a weekly rate.
    out.push({ kind: 'set', message: `set ${name(key, 1)} to 260k per quarter`, expect: whatIf([{ kind: 'set', channel: key, weeklySpend: 20_000 }]) });
    out.push({ kind: 'set', message: `what if ${name(key, 2)} was $1.04M a year`, expect: whatIf([{ kind: 'set', channel: key, weeklySpend: 20_000 }]) });
    out.push({ kind: 'scale', message: `what if ${name(key, 3)} got 52k more per year`, expect: whatIf([scale(key, weekly(1_000))]) });
    for (const [i, template] of ['set {c} to $25k a week', 'what if {c} was 25K/week', 'what if we spend $25,000 per week on {c}'].entries()) {
      out.push({ kind: 'set', message: template.replace('{c}', name(key, i + 1)), expect: whatIf([{ kind: 'set', channel: key, weeklySpend: 25_000 }]) });
    }
    out.push({ kind: 'set', message: `pause ${name(key, 2)}`, expect: whatIf([{ kind: 'set', channel: key, weeklySpend: 0 }]) });
    out.push({ kind: 'set', message: `turn off ${name(key, 3)}`, expect: whatIf([{ kind: 'set', channel: key, weeklySpend: 0 }]) });
    out.push({ kind: 'set', message: `what if ${name(key, 4)} were zero`, expect: whatIf([{ kind: 'set', channel: key, weeklySpend: 0 }]) });
  }
  return out;
}

function compounds(): CorpusCase[] {
  const out: CorpusCase[] = [];
  const joins = [' and ', ', then ', ' and also ', '; '];
  let i = 0;
  for (const [from, to] of PAIRS) {
    for (const cut of ['tv', 'radio', 'display']) {
      if (cut === from || cut === to) continue;
      const join = joins[i++ % joins.length];
      out.push({
        kind: 'compound',
        message: `cut ${name(cut, i)} 10%${join}move 5% from ${name(from, i + 1)} to ${name(to, i + 2)}`,
        expect: whatIf([scale(cut, pct(-10)), shift(from, to, pct(5))]),
        restates: /^Cutting .* by 10% .*; moving 5% of /,
      });
      out.push({ kind: 'compound', message: `move 20% from ${name(from, i)} to ${name(to, i)}${join}double ${name(cut, i + 1)}`, expect: whatIf([shift(from, to, pct(20)), scale(cut, pct(100))]) });
    }
  }
  // Each edit with its own verb, before or after its channel; one verb over several channels.
  const TOTAL = Object.values(SPEND).reduce((a, b) => a + b, 0);
  for (const [a, b] of PAIRS) {
    out.push({ kind: 'compound', message: `double ${name(a, 1)} and halve ${name(b, 2)}`, expect: whatIf([scale(a, pct(100)), scale(b, pct(-50))]) });
    out.push({ kind: 'compound', message: `what if ${name(a, 2)} doubled and ${name(b, 0)} halved`, expect: whatIf([scale(a, pct(100)), scale(b, pct(-50))]) });
    out.push({ kind: 'compound', message: `what if ${name(a, 0)} and ${name(b, 1)} were cut by 20%`, expect: whatIf([scale(a, pct(-20)), scale(b, pct(-20))]) });
    out.push({ kind: 'set', message: `what if ${name(a, 3)} was 20% of the budget`, expect: whatIf([{ kind: 'set', channel: a, weeklySpend: TOTAL * 0.2 }]) });
  }
    // A cut whose money goes on to another channel is a shift.
  for (const [from, to] of PAIRS) {
    out.push({ kind: 'compound', message: `cut ${name(from, 0)} in half and give it to ${name(to, 1)}`, expect: whatIf([shift(from, to, pct(50))]) });
    out.push({ kind: 'compound', message: `what if we stopped ${name(from, 1)} and put it all into ${name(to, 2)}`, expect: whatIf([shift(from, to, pct(100))]) });
    out.push({ kind: 'compound', message: `reduce ${name(from, 2)} by $5k a week and give the money to ${name(to, 0)}`, expect: whatIf([shift(from, to, weekly(5_000))]) });
  }
    // The verb said once for several edits of the same shape.
  for (const [a, b] of PAIRS) {
    out.push({ kind: 'compound', message: `cut ${name(a, 0)} by 10% and ${name(b, 1)} by 5%`, expect: whatIf([scale(a, pct(-10)), scale(b, pct(-5))]) });
    out.push({ kind: 'compound', message: `increase ${name(a, 1)} 20%, ${name(b, 2)} 10%`, expect: whatIf([scale(a, pct(20)), scale(b, pct(10))]) });
    out.push({ kind: 'compound', message: `what if ${name(a, 2)} was $50k a week and ${name(b, 0)} $40k a week`, expect: whatIf([{ kind: 'set', channel: a, weeklySpend: 50_000 }, { kind: 'set', channel: b, weeklySpend: 40_000 }]) });
    const [c, d] = PAIRS[(PAIRS.findIndex(([x, y]) => x === a && y === b) + 3) % PAIRS.length];
    if (new Set([a, b, c, d]).size === 4) {
      out.push({ kind: 'compound', message: `move 20% from ${name(a, 3)} to ${name(b, 3)}, 10% from ${name(c, 0)} to ${name(d, 1)}`, expect: whatIf([shift(a, b, pct(20)), shift(c, d, pct(10))]) });
    }
  }
  return out;
}

function budgets(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const [text, value] of PERCENTS.slice(0, 3)) {
    out.push({ kind: 'total', message: `what if the budget drops ${text}`, expect: whatIf([{ kind: 'scaleTotal', by: pct(-value) }]) });
    out.push({ kind: 'total', message: `cut the total budget by ${text}`, expect: whatIf([{ kind: 'scaleTotal', by: pct(-value) }]) });
    out.push({ kind: 'total', message: `increase overall spend by ${text}`, expect: whatIf([{ kind: 'scaleTotal', by: pct(value) }]) });
  }
  out.push({ kind: 'total', message: "we've got $1.3M for the next quarter", expect: whatIf([{ kind: 'setTotal', amount: 1_300_000, per: 'horizon' }]) });
  out.push({ kind: 'total', message: "what if we'd have $150k a week", expect: whatIf([{ kind: 'setTotal', amount: 150_000, per: 'week' }]) });
  out.push({ kind: 'total', message: 'help me cut the budget by 10%', expect: whatIf([{ kind: 'scaleTotal', by: pct(-10) }]) });
  out.push({ kind: 'total', message: 'what if we had 5.2M for the year', expect: whatIf([{ kind: 'setTotal', amount: 5_200_000, per: 'horizon' }], 52) });
  out.push({ kind: 'total', message: 'we have $1.2M for next quarter', expect: whatIf([{ kind: 'setTotal', amount: 1_200_000, per: 'horizon' }]) });
  out.push({ kind: 'total', message: 'what if our budget were $200k a week', expect: whatIf([{ kind: 'setTotal', amount: 200_000, per: 'week' }]) });
  return out;
}

function optimizations(): CorpusCase[] {
  const out: CorpusCase[] = [];
  const plain: Intent = { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13 } };
  for (const message of ['optimize the budget', 'optimise our budget', 'what is the optimal mix', 'how should we split the budget', 'find the best allocation', 'rebalance the mix', 'whats the best split', 'optimize for maximum revenue', 'maximize sales with the same budget', 'reallocate the budget optimally']) {
    out.push({ kind: 'optimize', message, expect: plain, restates: /^Finding the best split/ });
  }
  out.push({ kind: 'optimize', message: 'the budget next quarter is $1.3M, what should the mix be?', expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi', budget: { amount: 1_300_000, per: 'horizon' } }, constraints: [], weeks: 13 } } });
  out.push({ kind: 'optimize', message: "what's the smartest split of $300k a week", expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi', budget: { amount: 300_000, per: 'week' } }, constraints: [], weeks: 13 } } });
  for (const [text, weeks] of [['over the next 8 weeks', 8], ['for next quarter', 13], ['over the next 4 weeks', 4]] as const) {
    out.push({ kind: 'optimize', message: `how should we split $800k ${text}`, expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi', budget: { amount: 800_000, per: 'horizon' } }, constraints: [], weeks } } });
  }
  for (const key of Object.keys(NAMES)) {
    for (const [i, template] of ['optimize but keep {c} above $50k a week', 'optimize the budget, keep {c} at least 50K/week', 'optimize with {c} no less than $50,000 per week'].entries()) {
      out.push({ kind: 'optimize', message: template.replace('{c}', name(key, i)), expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'bounds', channel: key, min: 50_000 }], weeks: 13 } } });
    }
    out.push({ kind: 'optimize', message: `optimize but keep ${name(key, 1)} unchanged`, expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'maxChange', channel: key, fraction: 0 }], weeks: 13 } } });
  }
  for (const [text, value] of [['25%', 25], ['20 percent', 20], ['30 pct', 30]] as const) {
    for (const template of ['optimize with max {p} change per channel', 'optimize the budget but limit changes to {p}', "optimize, don't change any channel by more than {p}", 'max {p} change per channel']) {
      out.push({ kind: 'limits', message: template.replace('{p}', text), expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'maxChange', fraction: value / 100 }], weeks: 13 } } });
    }
  }
  for (const key of Object.keys(NAMES)) {
    out.push({ kind: 'limits', message: `optimize the budget but don't go below 20k on ${name(key, 2)}`, expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'bounds', channel: key, min: 20_000 }], weeks: 13 } } });
    out.push({ kind: 'limits', message: `optimize but never go above 80k on ${name(key, 3)}`, expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'bounds', channel: key, max: 80_000 }], weeks: 13 } } });
  }
  const todayTotal = Object.values(SPEND).reduce((a, b) => a + b, 0);
  for (const [message, factor] of [['optimize with a 10% smaller budget', 0.9], ['optimize with 20% more budget', 1.2], ["what's the best allocation if we cut the budget by 10%", 0.9], ['optimize with the budget up 5%', 1.05]] as const) {
    out.push({ kind: 'optimize', message, expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi', budget: { amount: todayTotal * factor, per: 'week' } }, constraints: [], weeks: 13 } } });
  }
  const floors = (factor: number): Intent => ({
    kind: 'optimize',
    spec: { objective: { kind: 'maxKpi' }, constraints: Object.keys(SPEND).map((channel) => ({ kind: 'bounds', channel, min: SPEND[channel] * factor })), weeks: 13 },
  });
  out.push({ kind: 'limits', message: 'optimize but no channel below half its spend', expect: floors(0.5) });
  out.push({ kind: 'limits', message: "optimize, don't cut any channel by more than 30%", expect: floors(0.7) });
  out.push({ kind: 'limits', message: 'optimize and keep every channel at least 80% of today', expect: floors(0.8) });
  for (const amount of ['$10k', '$25k', '$5,000']) {
    const value = Number(amount.replace(/[$,k]/g, '')) * (amount.endsWith('k') ? 1000 : 1);
    out.push({ kind: 'marginal', message: `where should the next ${amount} go`, expect: { kind: 'optimize', spec: { objective: { kind: 'marginal', increment: { amount: value, per: 'week' } }, constraints: [], weeks: 13 } } });
  }
  return out;
}

function modelQuestions(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const message of ['which channel has the best marginal ROI', 'where is the next dollar best spent', 'marginal ROAS by channel', 'whats the mROAS of each channel', 'where does the next dollar go furthest']) {
    out.push({ kind: 'marginalReturn', message, expect: { kind: 'roi', channels: [], measure: 'marginal' }, restates: /^Marginal ROI/ });
  }
  for (const key of Object.keys(NAMES)) {
    out.push({ kind: 'marginalReturn', message: `mROAS of ${name(key, 0)}`, expect: { kind: 'roi', channels: [key], measure: 'marginal' } });
    out.push({ kind: 'marginalReturn', message: `what is the marginal return on ${name(key, 1)}`, expect: { kind: 'roi', channels: [key], measure: 'marginal' } });
    out.push({ kind: 'model', message: `what's the ROI of ${name(key, 2)}`, expect: { kind: 'roi', channels: [key] } });
    out.push({ kind: 'model', message: `how is ${name(key, 3)} performing`, expect: { kind: 'roi', channels: [key] } });
    out.push({ kind: 'model', message: `response curve for ${name(key, 1)}`, expect: { kind: 'responseCurve', channel: key } });
    out.push({ kind: 'model', message: `show me the response curve of ${name(key, 4)}`, expect: { kind: 'responseCurve', channel: key } });
    out.push({ kind: 'model', message: `how much does ${name(key, 0)} contribute`, expect: { kind: 'roi', channels: [key], measure: 'contribution' } });
  }
  for (const message of ['which channel is most saturated', 'are we saturated anywhere', 'where are we hitting diminishing returns']) out.push({ kind: 'model', message, expect: { kind: 'saturation' } });
  for (const message of ['how accurate is the model', 'how good is the model', 'whats the model r2', 'can I trust the model']) out.push({ kind: 'model', message, expect: { kind: 'modelQuality' } });
  for (const message of ['when was the model last trained', 'how old is the model', 'when was it last updated', 'what data is the model trained on']) out.push({ kind: 'model', message, expect: { kind: 'lastTrained' } });
  for (const message of ['what does each channel contribute', 'channel contributions', 'what drives sales', 'show me the decomposition']) out.push({ kind: 'model', message, expect: { kind: 'roi', channels: [], measure: 'contribution' } });
  for (const message of ['what is the ROI of every channel', 'which channel has the best ROI', 'show ROAS by channel', "what's our best performing channel", 'which are the top performing channels']) out.push({ kind: 'model', message, expect: { kind: 'roi', channels: [] } });
  for (const message of ['which channel should we cut', 'which channel should we invest more in']) out.push({ kind: 'marginalReturn', message, expect: { kind: 'roi', channels: [], measure: 'marginal' } });
  for (const message of ['which channels are underperforming', "what's our best performing channel"]) out.push({ kind: 'model', message, expect: { kind: 'roi', channels: [] } });
  for (const key of Object.keys(NAMES)) {
    out.push({ kind: 'model', message: `how much revenue does each dollar of ${name(key, 1)} bring`, expect: { kind: 'roi', channels: [key] } });
    out.push({ kind: 'model', message: `is ${name(key, 2)} worth the money`, expect: { kind: 'roi', channels: [key] } });
  }
  out.push({ kind: 'model', message: 'where are we wasting money', expect: { kind: 'saturation' } });
  for (const message of ['show me the model fit', "what's the error"]) out.push({ kind: 'model', message, expect: { kind: 'modelQuality' } });
  for (const message of ['when is the data from', 'how many weeks of data']) out.push({ kind: 'model', message, expect: { kind: 'lastTrained' } });
  for (const message of ['help', 'what can you do', 'how do I use this', 'hi', 'examples', 'what is this', 'commands']) out.push({ kind: 'help', message, expect: { kind: 'help' } });
  return out;
}

const PREVIOUS_SHIFT: Intent = whatIf([shift('tv', 'search', pct(20))]);
const PREVIOUS_CUT: Intent = whatIf([scale('tv', pct(-20))]);

function followUps(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const [text, value] of PERCENTS) {
    out.push({ kind: 'followUp', previous: PREVIOUS_SHIFT, message: `what about ${text}?`, expect: whatIf([shift('tv', 'search', pct(value))]) });
    out.push({ kind: 'followUp', previous: PREVIOUS_CUT, message: `and ${text}?`, expect: whatIf([scale('tv', pct(-value))]) });
  }
  for (const key of ['social', 'display', 'radio']) {
    for (const [i, template] of ['make it {c} instead of search', 'move it to {c} instead', 'what about {c} rather than search', 'instead of search use {c}', 'and to {c} instead?', 'swap search for {c}'].entries()) {
      out.push({ kind: 'substitution', previous: PREVIOUS_SHIFT, message: template.replace('{c}', name(key, i)), expect: whatIf([shift('tv', key, pct(20))]) });
    }
    for (const [i, template] of ['same but from {c}', 'what about from {c}?', 'and from {c} instead', 'make it {c} instead of tv'].entries()) {
      out.push({ kind: 'substitution', previous: PREVIOUS_SHIFT, message: template.replace('{c}', name(key, i)), expect: whatIf([shift(key, 'search', pct(20))]) });
    }
    out.push({ kind: 'substitution', previous: PREVIOUS_CUT, message: `try it with ${name(key, 1)}`, expect: whatIf([scale(key, pct(-20))]) });
  }
  out.push({ kind: 'followUp', previous: PREVIOUS_SHIFT, message: 'over 8 weeks instead', expect: whatIf([shift('tv', 'search', pct(20))], 8) });
  for (const key of ['social', 'display']) {
    out.push({ kind: 'substitution', previous: PREVIOUS_SHIFT, message: `what if it went to ${name(key, 2)}`, expect: whatIf([shift('tv', key, pct(20))]) });
    out.push({ kind: 'substitution', previous: PREVIOUS_SHIFT, message: `what if the money came from ${name(key, 3)}`, expect: whatIf([shift(key, 'search', pct(20))]) });
  }
  const PREVIOUS_OPTIMIZE: Intent = { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'bounds', channel: 'tv', min: 50_000 }], weeks: 8 } };
  for (const [message, factor] of [['with a 10% bigger budget', 1.1], ['what about 20% less budget?', 0.8]] as const) {
    out.push({ kind: 'followUp', previous: PREVIOUS_OPTIMIZE, message, expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi', budget: { amount: Object.values(SPEND).reduce((a, b) => a + b, 0) * factor, per: 'week' } }, constraints: [{ kind: 'bounds', channel: 'tv', min: 50_000 }], weeks: 8 } } });
  }
  out.push({ kind: 'followUp', previous: PREVIOUS_SHIFT, message: 'also double radio', expect: whatIf([shift('tv', 'search', pct(20)), scale('radio', pct(100))]) });
  out.push({ kind: 'followUp', previous: PREVIOUS_SHIFT, message: 'undo', expect: { kind: 'undo' } });
  out.push({ kind: 'followUp', previous: PREVIOUS_SHIFT, message: 'compare with the previous one', expect: { kind: 'compare' } });
  return out;
}

/** Questions that must be asked back, never run: the exact kind is asserted, the wording by pattern. */
function askedBack(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const key of Object.keys(NAMES)) {
    out.push({ kind: 'askBack', message: `cut ${name(key, 0)} by 30`, expect: clarifyOf(), restates: /30% or \$30 a week/ });
    out.push({ kind: 'askBack', message: `move 20% from tiktok to ${name(key, 1)}`, expect: clarifyOf(), restates: /don't know a channel called "tiktok"/ });
    out.push({ kind: 'askBack', message: `cut ${name(key, 2)} 10% and radio 5k`, expect: clarifyOf(), restates: /amounts|what should happen/ });
    out.push({ kind: 'askBack', message: `set ${name(key, 3)} to 20k for 8 weeks`, expect: clarifyOf(), restates: /a week, or 20k in total/ });
    out.push({ kind: 'askBack', message: `optimize but keep ${name(key, 1)} around 50k`, expect: clarifyOf(), restates: /couldn't tell what limit/ });
  }
  out.push({ kind: 'askBack', message: 'move 20% from paid to search', expect: clarifyOf(), restates: /could be/ });
  // Qualifiers no scenario can honour: asked back, the message without them offered as the reading.
  for (const key of Object.keys(NAMES)) {
    out.push({ kind: 'askBack', message: `cut ${name(key, 0)} 20% in the UK`, expect: clarifyOf(), restates: /can't take "in the UK" into account/ });
    out.push({ kind: 'askBack', message: `double ${name(key, 1)} on weekends`, expect: clarifyOf(), restates: /can't take "on weekends"/ });
    out.push({ kind: 'askBack', message: `cut everything 10% except ${name(key, 2)}`, expect: clarifyOf(), restates: /can't take "except/ });
    out.push({ kind: 'askBack', message: `increase ${name(key, 3)} by 10% starting in March`, expect: clarifyOf(), restates: /can't take/ });
    out.push({ kind: 'askBack', message: `optimize but keep ${name(key, 4)} CPM under $5`, expect: clarifyOf(), restates: /can't take "CPM"|couldn't tell what limit/ });
  }
  return out;
}

/** Typos of the words that carry the intent, and of channel names: read, and said back. */
const TYPOS: Array<[RegExp, string]> = [
  [/\bwhat\b/, 'wht'],
  [/\bbudget\b/, 'budgt'],
  [/\boptimize\b/, 'optimze'],
  [/\breduce\b/, 'reduse'],
  [/\bmove\b/, 'moev'],
  [/\bincrease\b/, 'increse'],
  [/\bsearch\b/, 'serach'],
  [/\bdisplay\b/, 'dispaly'],
];

function withTypos(cases: CorpusCase[]): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const c of cases) {
    if (c.kind === 'askBack') continue;
    for (const [word, typo] of TYPOS) {
      if (!word.test(c.message)) continue;
      out.push({ ...c, kind: `${c.kind}+typo`, message: c.message.replace(word, typo), restates: new RegExp(`read .*${typo}" as`) });
      break;
    }
  }
  return out;
}

const MARKUP: Array<(m: string) => string> = [(m) => `<@U024BE7LH> ${m}`, (m) => `*${m}*`, (m) => `${m} :thinking_face:`, (m) => `> ${m}`, (m) => `_${m}_ ?`, (m) => m.toUpperCase()];

function withMarkup(cases: CorpusCase[]): CorpusCase[] {
  return cases.filter((c) => c.kind !== 'askBack').map((c, i) => ({ ...c, kind: `${c.kind}+markup`, message: MARKUP[i % MARKUP.length](c.message), restates: undefined }));
}

export function developmentCorpus(): CorpusCase[] {
  const base = [...shifts(), ...scalings(), ...setSpend(), ...compounds(), ...budgets(), ...optimizations(), ...modelQuestions(), ...followUps(), ...askedBack()];
  return [...base, ...withTypos(base), ...withMarkup(base)];
}
