import { describe, expect, it } from 'vitest';
import { CsvRejected, detectMapping } from '../../src/data';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof CsvRejected) return err.problems.map((p) => p.message);
    throw err;
  }
  throw new Error('the header was accepted');
}

describe('detectMapping: naming conventions', () => {
  it.each([
    ['date', 'kpi'],
    ['week', 'revenue'],
    ['Week Start', 'Sales'],
    ['week_start', 'sales'],
  ])('finds the date in %s and the KPI in %s', (date, kpi) => {
    const mapping = detectMapping([date, kpi, 'tv_spend']);
    expect(mapping.date).toBe(date);
    expect(mapping.kpi).toBe(kpi);
  });

  it.each([
    ['tv_spend', 'tv'],
    ['spend_paid_search', 'paid_search'],
    ['mdsp_social', 'social'],
    ['TV Spend', 'tv'],
  ])('reads %s as spend for channel %s', (column, key) => {
    expect(detectMapping(['date', 'kpi', column]).channels).toEqual([{ key, spendColumn: column }]);
  });

  it.each([
    ['tv_spend', 'tv_impressions'],
    ['mdsp_tv', 'mdip_tv'],
    ['spend_tv', 'tv_impressions'],
  ])('pairs %s with its impressions column %s', (spendColumn, impressionsColumn) => {
    const mapping = detectMapping(['date', 'kpi', impressionsColumn, spendColumn]);
    expect(mapping.channels).toEqual([{ key: 'tv', spendColumn, impressionsColumn }]);
    expect(mapping.unmapped).toEqual([]);
  });

  it.each(['hldy_christmas', 'holiday', 'Holidays', 'promo', 'promo_flag', 'ctrl_price'])('reads %s as a control', (column) => {
    expect(detectMapping(['date', 'kpi', 'tv_spend', column]).controls).toEqual([column]);
  });

  it('reads the demo header into 5 channels and 2 controls with nothing left over', () => {
    const header = 'date,kpi,tv_spend,search_spend,social_spend,display_spend,radio_spend,holiday,promo'.split(',');
    expect(detectMapping(header)).toEqual({
      date: 'date',
      kpi: 'kpi',
      channels: ['tv', 'search', 'social', 'display', 'radio'].map((key) => ({ key, spendColumn: `${key}_spend` })),
      controls: ['holiday', 'promo'],
      unmapped: [],
    });
  });

  it('lists columns it could not place, and impressions without a spend column', () => {
    const mapping = detectMapping(['date', 'kpi', 'tv_spend', 'region', 'radio_impressions']);
    expect(mapping.unmapped).toEqual(['region', 'radio_impressions']);
  });
});

describe('detectMapping: explicit names win', () => {
  const header = ['week', 'orders', 'revenue', 'TV', 'search_spend', 'price', 'holiday'];

  it('uses the explicit KPI, channels and controls instead of detected ones', () => {
    const mapping = detectMapping(header, { kpi: 'orders', channels: ['TV', 'search'], controls: ['price'] });
    expect(mapping.date).toBe('week');
    expect(mapping.kpi).toBe('orders');
    expect(mapping.channels).toEqual([
      { key: 'tv', spendColumn: 'TV' },
      { key: 'search', spendColumn: 'search_spend' },
    ]);
    expect(mapping.controls).toEqual(['price']);
    expect(mapping.unmapped).toEqual(['revenue', 'holiday']);
  });

  it('accepts channels as full column descriptions', () => {
    const mapping = detectMapping(['d', 'k', 'a', 'b'], { date: 'd', kpi: 'k', channels: [{ key: 'tv', spendColumn: 'a', impressionsColumn: 'b' }] });
    expect(mapping.channels).toEqual([{ key: 'tv', spendColumn: 'a', impressionsColumn: 'b' }]);
  });

  it('matches explicit names regardless of case and spacing', () => {
    expect(detectMapping(header, { date: 'WEEK', kpi: 'Orders' }).kpi).toBe('orders');
  });

  it('names a missing explicit column and lists the header', () => {
    expect(problemsOf(() => detectMapping(header, { kpi: 'profit' }))).toEqual([
      'There is no column profit (given as the KPI). Columns in the file: week, orders, revenue, TV, search_spend, price, holiday',
    ]);
  });

  it('refuses one column in two roles', () => {
    expect(problemsOf(() => detectMapping(header, { kpi: 'revenue', controls: ['revenue'] }))).toEqual(["revenue can't be both the KPI and a control"]);
  });

  it('refuses a channel key with two spend columns', () => {
    expect(problemsOf(() => detectMapping(['date', 'kpi', 'tv_spend', 'mdsp_tv']))).toEqual(['Two columns are spend for channel tv (tv_spend and mdsp_tv): keep one']);
  });

  it('asks which KPI when several columns could be it', () => {
    expect(problemsOf(() => detectMapping(['date', 'kpi', 'revenue', 'tv_spend']))).toEqual([
      'Several columns could be the KPI (kpi, revenue): say which one to use (--kpi)',
    ]);
    expect(detectMapping(['date', 'kpi', 'revenue', 'tv_spend'], { kpi: 'revenue' }).unmapped).toEqual(['kpi']);
  });
});
