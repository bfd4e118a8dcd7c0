/**
 * The channels and spend the phrasing table is written against: the demo dataset's channels
 * (data/demo_channels.json) plus Print, so "traditional" has three members. Spend figures are
 * round so expected restatements can be worked out by hand (20% of TV = $24k).
 */
import type { ChannelVocabulary, ParseContext } from '../../src/language';

export const CHANNELS: ChannelVocabulary[] = [
  { key: 'tv', displayName: 'TV', aliases: ['television', 'tv ads', 'linear tv', 'ctv'], group: 'traditional' },
  { key: 'search', displayName: 'Paid Search', aliases: ['sem', 'ppc', 'google ads', 'search ads', 'adwords'], group: 'digital' },
  { key: 'social', displayName: 'Paid Social', aliases: ['facebook', 'meta', 'instagram', 'social media'], group: 'digital' },
  { key: 'display', displayName: 'Display', aliases: ['banners', 'programmatic', 'display ads'], group: 'digital' },
  { key: 'radio', displayName: 'Radio', aliases: ['audio', 'broadcast radio'], group: 'traditional' },
  { key: 'print', displayName: 'Print', aliases: ['newspapers', 'magazines'], group: 'traditional' },
];

export const WEEKLY_SPEND: Record<string, number> = { tv: 120_000, search: 60_000, social: 30_000, display: 20_000, radio: 15_000, print: 10_000 };

/** 255k a week in all. */
export const WEEKLY_TOTAL = Object.values(WEEKLY_SPEND).reduce((s, x) => s + x, 0);

export const CHANNEL_NAMES = CHANNELS.map((c) => c.displayName);

export function context(extra: Partial<ParseContext> = {}): ParseContext {
  return { channels: CHANNELS, currentWeeklySpend: WEEKLY_SPEND, ...extra };
}
