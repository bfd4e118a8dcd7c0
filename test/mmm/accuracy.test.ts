/**
 * The measured targets: a default fit (search + bootstrap) recovers the known truth. One fit per
 * data set, shared by the assertions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { channelSummaries, fitModel, MmmModel } from '../../src/mmm';
import { simulateDataSet } from '../../testkit/simulate';
import { median } from '../../src/data/robustStats';
import { relativeError } from '../../testkit/recovery';
import { loadDemoTruth, loadDemoWeekly } from '../../testkit/mmm/demoData';

describe('default fit on the demo file, 13-week holdout', () => {
  const data = loadDemoWeekly();
  const truth = loadDemoTruth();
  let model: MmmModel;
  beforeAll(async () => {
    model = await fitModel(data, { holdoutWeeks: 13 });
  });

  it('recovers every channel ROAS within 20% and the median within 10%', () => {
    const summaries = channelSummaries(model);
    const errors = data.channels.map((c) => relativeError(summaries[c].roas, truth.channels[c].roas));
    for (const e of errors) expect(e).toBeLessThan(0.2);
    expect(median(errors)).toBeLessThan(0.1);
  });

  it('puts the true ROAS inside the 90% interval for at least 4 of 5 channels', () => {
    const summaries = channelSummaries(model);
    const covered = data.channels.filter((c) => summaries[c].roasLow <= truth.channels[c].roas && truth.channels[c].roas <= summaries[c].roasHigh);
    expect(covered.length).toBeGreaterThanOrEqual(4);
  });

  it('predicts the holdout with MAPE under 8%', () => {
    expect(model.metrics.holdoutMape).toBeLessThan(0.08);
  });

  it('stores the requested number of posterior draws, each with its own transforms', () => {
    expect(model.draws).toHaveLength(200);
    const decays = new Set(model.draws.map((d) => (d.hyperparameters.channels.tv.adstock as { decay: number }).decay));
    expect(decays.size).toBeGreaterThan(1);
  });
});

describe('reproducibility', () => {
  it('gives the identical model for the same seed, and a different search for another seed', async () => {
    const { data } = simulateDataSet(3, { weeks: 80, channelCount: 4 });
    const options = { search: 'quick' as const, bootstrapDraws: 20, seed: 9 };
    const [a, b, c] = await Promise.all([fitModel(data, options), fitModel(data, options), fitModel(data, { ...options, seed: 10 })]);
    expect(a).toEqual(b);
    expect(c.hyperparameters).not.toEqual(a.hyperparameters);
  });
});
