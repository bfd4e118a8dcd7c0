import { describe, expect, it } from 'vitest';
import { type QualityFinding, type WeeklyData, checkDataQuality } from '../../src/data';
import { addDays } from '../../src/data/dates';
import { median, robustSigma, robustSlope, rollingMedian } from '../../src/data/robustStats';
import { simulateDataSet } from '../../testkit/simulate';

const WEEKS = 30;

/** 30 clean weeks: spend and KPI wobble by at most 10% around a level, no holidays. */
function cleanData(): WeeklyData {
  const index = Array.from({ length: WEEKS }, (_, i) => i);
  return {
    dates: index.map((i) => addDays('2024-01-01', 7 * i)),
    kpiName: 'revenue',
    kpi: index.map((i) => 50_000 * (1 + 0.1 * Math.sin(i * 0.9))),
    channels: ['tv', 'search'],
    spend: {
      tv: index.map((i) => 1000 * (1 + 0.1 * Math.sin(i))),
      search: index.map((i) => 400 * (1 + 0.1 * Math.cos(i))),
    },
    controls: ['holiday'],
    controlValues: { holiday: index.map(() => 0) },
  };
}

const findingsOf = (data: WeeklyData, options = {}): QualityFinding[] => checkDataQuality(data, options).findings;
const summary = (findings: QualityFinding[]) => findings.map((f) => ({ kind: f.kind, channel: f.channel, week: f.week }));

describe('robust statistics', () => {
  it('measures spread by the median absolute deviation, ignoring one wild value', () => {
    expect(median([4, 1, 3, 100, 2])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // deviations from 3 are 2, 1, 0, 1, 97: MAD 1.
    expect(robustSigma([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 10);
  });

  it('falls back to the mean absolute deviation when most values are equal', () => {
    // median 5, deviations seven 0s and one 10: MAD 0, mean absolute deviation 10/8.
    expect(robustSigma([5, 5, 5, 5, 5, 5, 5, 15])).toBeCloseTo(1.2533 * 1.25, 10);
  });

  it('takes the median of each neighbourhood, shrinking at the ends', () => {
    expect(rollingMedian([1, 9, 2, 8, 3], 1)).toEqual([5, 2, 8, 3, 5.5]);
  });

  it('finds the slope of a line through a wild point', () => {
    expect(robustSlope([3, 5, 7, 900, 11, 13, 15, 17])).toBe(2);
  });
});

describe('checkDataQuality', () => {
  it('finds nothing in clean weekly data', () => {
    expect(findingsOf(cleanData())).toEqual([]);
  });

  it('flags a week with ten times the usual spend, and only that week', () => {
    const data = cleanData();
    data.spend.tv[12] = 10_000;
    expect(summary(findingsOf(data))).toEqual([{ kind: 'spendOutlier', channel: 'tv', week: data.dates[12] }]);
  });

  it('flags a week with a twentieth of the usual spend', () => {
    const data = cleanData();
    data.spend.search[20] = 20;
    expect(summary(findingsOf(data))).toEqual([{ kind: 'spendOutlier', channel: 'search', week: data.dates[20] }]);
  });

  it('does not call a flighted channel an outlier for being off half the time', () => {
    const data = cleanData();
    // Four weeks on, four weeks off, ending on.
    data.spend.tv = data.spend.tv.map((s, i) => (Math.floor((i + 3) / 4) % 2 === 0 ? s : 0));
    expect(data.spend.tv.at(-1)).toBeGreaterThan(0);
    expect(findingsOf(data)).toEqual([]);
  });

  it('flags a channel that stopped spending for the last 4 weeks, from the first silent week', () => {
    const data = cleanData();
    for (let i = WEEKS - 4; i < WEEKS; i++) data.spend.search[i] = 0;
    expect(summary(findingsOf(data))).toEqual([{ kind: 'stoppedSpending', channel: 'search', week: data.dates[WEEKS - 4] }]);
    expect(findingsOf(data)[0].detail).toContain('last 4 weeks');
    expect(findingsOf(data, { stoppedWeeks: 5 })).toEqual([]);
  });

  it('does not call 3 silent weeks stopped', () => {
    const data = cleanData();
    for (let i = WEEKS - 3; i < WEEKS; i++) data.spend.search[i] = 0;
    expect(findingsOf(data)).toEqual([]);
  });

  it('flags a channel that never spent', () => {
    const data = cleanData();
    data.spend.search = data.spend.search.map(() => 0);
    expect(summary(findingsOf(data))).toEqual([{ kind: 'neverSpent', channel: 'search', week: null }]);
  });

  it('reports a gap as missing weeks from the first missing one', () => {
    const data = cleanData();
    const keep = (_: unknown, i: number) => i < 10 || i > 12;
    data.dates = data.dates.filter(keep);
    data.kpi = data.kpi.filter(keep);
    data.spend = { tv: data.spend.tv.filter(keep), search: data.spend.search.filter(keep) };
    data.controlValues = { holiday: data.controlValues.holiday.filter(keep) };
    const findings = findingsOf(data);
    expect(summary(findings)).toEqual([{ kind: 'missingWeek', channel: null, week: addDays('2024-01-01', 70) }]);
    expect(findings[0].detail).toBe(`3 weeks missing between ${addDays('2024-01-01', 63)} and ${addDays('2024-01-01', 91)}`);
  });

  it('re-checks data from elsewhere for duplicate, unordered, negative and unusable values', () => {
    const data = cleanData();
    data.dates[5] = data.dates[4];
    [data.dates[20], data.dates[21]] = [data.dates[21], data.dates[20]];
    data.spend.tv[8] = -50;
    data.kpi[15] = Number.NaN;
    const kinds = summary(findingsOf(data));
    expect(kinds).toContainEqual({ kind: 'duplicateWeek', channel: null, week: data.dates[5] });
    expect(kinds).toContainEqual({ kind: 'unorderedWeek', channel: null, week: data.dates[21] });
    expect(kinds).toContainEqual({ kind: 'negativeSpend', channel: 'tv', week: data.dates[8] });
    expect(kinds).toContainEqual({ kind: 'nonNumericValue', channel: null, week: data.dates[15] });
  });

  it('flags a KPI spike against nearby weeks and names the holiday that may explain it', () => {
    const data = cleanData();
    data.kpi[17] *= 2;
    data.controlValues.holiday[17] = 1;
    const findings = findingsOf(data);
    expect(summary(findings)).toEqual([{ kind: 'kpiOutlier', channel: null, week: data.dates[17] }]);
    expect(findings[0].detail).toContain('far above');
    expect(findings[0].detail).toContain('holiday is set that week');
  });

  it('does not flag weeks whose KPI moved with their spend, or with a holiday seen often enough to learn', () => {
    const weeks = 60;
    const index = Array.from({ length: weeks }, (_, i) => i);
    const tv = index.map((i) => 1000 * Math.exp(0.5 * Math.sin(i * 2.1) + 0.4 * Math.cos(i * 1.3)));
    const holiday = index.map((i) => (i % 13 === 6 ? 1 : 0));
    const data: WeeklyData = {
      ...cleanData(),
      dates: index.map((i) => addDays('2024-01-01', 7 * i)),
      // Noise of about 1.5% of the KPI, as in the demo data.
      kpi: index.map((i) => 50_000 + 8_000 * Math.log(tv[i]) + 6_000 * holiday[i] + 1_500 * Math.sin(i * i * 0.37)),
      channels: ['tv'],
      spend: { tv },
      controlValues: { holiday },
    };
    expect(findingsOf(data).filter((f) => f.kind === 'kpiOutlier').map((f) => f.detail)).toEqual([]);
    // A week that really sold far less than its spend and season suggest is still found.
    data.kpi[40] *= 0.7;
    expect(summary(findingsOf(data).filter((f) => f.kind === 'kpiOutlier'))).toEqual([{ kind: 'kpiOutlier', channel: null, week: data.dates[40] }]);
  });

  it('stays quiet on clean simulated data sets and still finds typos, drops and spikes put into them', () => {
    const sets = Array.from({ length: 10 }, (_, i) => simulateDataSet(i + 1).data);
    const flagged = sets.flatMap((d) => findingsOf(d).filter((f) => f.kind === 'kpiOutlier' || f.kind === 'spendOutlier'));
    // At most two ordinary weeks per three-year data set (the old 3σ, spend-blind check flagged six).
    expect(flagged.length).toBeLessThanOrEqual(2 * sets.length);
    let found = 0;
    let planted = 0;
    for (const d of sets) {
      for (let k = 0; k < 5; k++) {
        const week = 20 + 23 * k;
        const channel = d.channels[k % d.channels.length];
        const changes: Array<[(copy: WeeklyData) => void, QualityFinding['kind'], string | null]> = [
          [(copy) => (copy.spend[channel][week] *= 10), 'spendOutlier', channel],
          [(copy) => (copy.kpi[week] *= 0.5), 'kpiOutlier', null],
          [(copy) => (copy.kpi[week] *= 1.6), 'kpiOutlier', null],
        ];
        for (const [change, kind, where] of changes) {
          const copy = structuredClone(d);
          change(copy);
          planted++;
          if (findingsOf(copy).some((f) => f.kind === kind && f.channel === where && f.week === d.dates[week])) found++;
        }
      }
    }
    expect(found / planted).toBeGreaterThanOrEqual(0.95);
  });

  it('does not mistake a steady trend for KPI outliers', () => {
    const data = cleanData();
    data.kpi = data.kpi.map((k, i) => k + 5_000 * i);
    expect(findingsOf(data)).toEqual([]);
  });
});
