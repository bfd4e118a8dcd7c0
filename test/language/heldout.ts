/**
 * A held-out corpus: questions phrased as marketers type them, written apart from the corpus
 * templates and never used to tune the parser. Each has what answering it right means: the exact
 * intent, or `ask` when only a question back is right. Its score is reported, not tuned on.
 */
import type { Intent } from '../../src/scenarios/spec';

export interface HeldOutCase {
  message: string;
  right: Intent | 'ask';
  previous?: Intent;
}

const w = (changes: unknown[], weeks = 13): Intent => ({ kind: 'whatIf', spec: { changes, weeks } }) as Intent;
const sh = (from: string, to: string, value: number, unit: 'percent' | 'week' | 'horizon' = 'percent') => ({
  kind: 'shift',
  from,
  to: [{ channel: to, share: 1 }],
  amount: unit === 'percent' ? { unit: 'percent', value } : { unit: 'money', value, per: unit },
});
const sc = (channel: string, value: number, unit: 'percent' | 'week' = 'percent') => ({ kind: 'scale', channel, by: unit === 'percent' ? { unit: 'percent', value } : { unit: 'money', value, per: 'week' } });
const opt = (constraints: unknown[] = [], weeks = 13, objective: unknown = { kind: 'maxKpi' }): Intent => ({ kind: 'optimize', spec: { objective, constraints, weeks } }) as Intent;
const PREV: Intent = w([sh('tv', 'search', 20)]);

export const HELD_OUT: HeldOutCase[] = [
  { message: 'Can we see what happens if 20% of the TV money goes into paid search instead?', right: w([sh('tv', 'search', 20)]) },
  { message: 'hey, what would shifting 15% of our television budget over to Facebook do', right: w([sh('tv', 'social', 15)]) },
  { message: 'Model a 10% reallocation from radio to SEM pls', right: w([sh('radio', 'search', 10)]) },
  { message: 'tv→ppc, 25%', right: w([sh('tv', 'search', 25)]) },
  { message: 'TV -> Social: 30%', right: w([sh('tv', 'social', 30)]) },
  { message: 'what if we took a third of display and put it into search', right: w([sh('display', 'search', 100 / 3)]) },
  { message: 'pull 5k/week out of print and give it to social', right: w([sh('print', 'social', 5000, 'week')]) },
  { message: 'What if we moved $50K from linear TV to paid social over the next 4 weeks?', right: w([sh('tv', 'social', 50000, 'horizon')], 4) },
  { message: 'Shift half of radio into display', right: w([sh('radio', 'display', 50)]) },
  { message: 'move 20 from tv to search', right: 'ask' },
  { message: 'move 20% from TV to Snapchat', right: 'ask' },
  { message: 'slash TV spend by 40%', right: w([sc('tv', -40)]) },
  { message: 'What if we drop radio by a quarter?', right: w([sc('radio', -25)]) },
  { message: 'scale back display 15 pct', right: w([sc('display', -15)]) },
  { message: 'bump paid search up 10%', right: w([sc('search', 10)]) },
  { message: 'Could we try increasing Facebook ads by $5k a week?', right: w([sc('social', 5000, 'week')]) },
  { message: 'what if TV spend went up by a fifth', right: w([sc('tv', 20)]) },
  { message: 'double down on search — double it', right: w([sc('search', 100)]) },
  { message: 'kill print', right: w([{ kind: 'set', channel: 'print', weeklySpend: 0 }]) },
  { message: 'What happens if we go dark on radio?', right: w([{ kind: 'set', channel: 'radio', weeklySpend: 0 }]) },
  { message: 'what if radio were $600k over the next quarter', right: w([{ kind: 'set', channel: 'radio', weeklySpend: 600000 / 13 }]) },
  { message: 'what if we only spent 10K/week on TV', right: w([{ kind: 'set', channel: 'tv', weeklySpend: 10000 }]) },
  { message: 'put display at $30k per week', right: w([{ kind: 'set', channel: 'display', weeklySpend: 30000 }]) },
  { message: 'cut TV 10% and move 5% from display to search', right: w([sc('tv', -10), sh('display', 'search', 5)]) },
  { message: 'reduce radio by 20%, and increase social by 10%', right: w([sc('radio', -20), sc('social', 10)]) },
  { message: 'trim tv 5% then shift 10% of print to ppc', right: w([sc('tv', -5), sh('print', 'search', 10)]) },
  { message: 'cut tv by 10% plus radio 5k', right: 'ask' },
  { message: 'what if total spend is cut by 10%', right: w([{ kind: 'scaleTotal', by: { unit: 'percent', value: -10 } }]) },
  { message: 'What if our overall budget goes up 15 percent?', right: w([{ kind: 'scaleTotal', by: { unit: 'percent', value: 15 } }]) },
  { message: "we've got $2M for next quarter, what happens", right: w([{ kind: 'setTotal', amount: 2000000, per: 'horizon' }]) },
  { message: 'What is the best way to spend $900k over the next 10 weeks?', right: opt([], 10, { kind: 'maxKpi', budget: { amount: 900000, per: 'horizon' } }) },
  { message: 'optimise the mix please', right: opt() },
  { message: 'Give me an optimal allocation but keep TV above 80k a week', right: opt([{ kind: 'bounds', channel: 'tv', min: 80000 }]) },
  { message: 'optimize with no more than 20% change per channel', right: opt([{ kind: 'maxChange', fraction: 0.2 }]) },
  { message: 'optimize, but no channel should drop below half of what it spends today', right: opt(['tv', 'search', 'social', 'display', 'radio', 'print'].map((channel) => ({ kind: 'bounds', channel, min: { tv: 120000, search: 60000, social: 30000, display: 20000, radio: 15000, print: 10000 }[channel]! * 0.5 }))) },
  { message: 'best mix keeping paid social under 20%', right: opt([{ kind: 'share', set: { channels: ['social'] }, max: 0.2 }]) },
  { message: 'optimze the budgt', right: opt() },
  { message: 'where would an extra $20k be best spent?', right: opt([], 13, { kind: 'marginal', increment: { amount: 20000, per: 'week' } }) },
  { message: 'Which channel gives us the highest marginal ROI right now?', right: { kind: 'roi', channels: [], measure: 'marginal' } },
  { message: 'whats the mroas on paid search', right: { kind: 'roi', channels: ['search'], measure: 'marginal' } },
  { message: 'if I had one more dollar, where should it go?', right: { kind: 'roi', channels: [], measure: 'marginal' } },
  { message: 'what is the return on the next dollar in TV', right: { kind: 'roi', channels: ['tv'], measure: 'marginal' } },
  { message: 'which channels are working best?', right: { kind: 'roi', channels: [] } },
  { message: 'ROI for facebook?', right: { kind: 'roi', channels: ['social'] } },
  { message: 'Is TV worth it?', right: { kind: 'roi', channels: ['tv'] } },
  { message: 'where are we overspending', right: { kind: 'saturation' } },
  { message: 'is search saturated?', right: { kind: 'saturation' } },
  { message: 'Show me the spend curve for radio', right: { kind: 'responseCurve', channel: 'radio' } },
  { message: 'how reliable are these numbers', right: { kind: 'modelQuality' } },
  { message: "what's the holdout error of the model", right: { kind: 'modelQuality' } },
  { message: 'how fresh is the model?', right: { kind: 'lastTrained' } },
  { message: 'which channel contributes the most sales', right: { kind: 'roi', channels: [], measure: 'contribution' } },
  { message: 'how much revenue does TV drive?', right: { kind: 'roi', channels: ['tv'], measure: 'contribution' } },
  { message: 'what kinds of questions can I ask?', right: { kind: 'help' } },
  { message: 'hello!', right: { kind: 'help' } },
  { message: 'ok now make it social instead of search', right: w([sh('tv', 'social', 20)]), previous: PREV },
  { message: 'same thing but from radio', right: w([sh('radio', 'search', 20)]), previous: PREV },
  { message: 'move it to display instead', right: w([sh('tv', 'display', 20)]), previous: PREV },
  { message: 'how about 35%?', right: w([sh('tv', 'search', 35)]), previous: PREV },
  { message: 'and over 26 weeks?', right: w([sh('tv', 'search', 20)], 26), previous: PREV },
  { message: 'now optimize that', right: opt(), previous: PREV },
  { message: 'wht if we reduse tv by 10%', right: w([sc('tv', -10)]) },
  { message: 'what if we move 20% from TV to serach', right: w([sh('tv', 'search', 20)]) },
  { message: 'increse dispaly by 10 percent', right: w([sc('display', 10)]) },
  { message: '<@U0BOT> *what if* we cut TV by 30%? :thinking_face:', right: w([sc('tv', -30)]) },
  { message: 'the weather is nice today', right: 'ask' },
  { message: 'move money around', right: 'ask' },
  { message: 'cut it', right: 'ask' },
];
