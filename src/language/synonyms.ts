/**
 * The names marketers use for the usual media channels. A dataset's channel that goes by one
 * of these names (its key without a spend suffix, its display name or an alias) also answers
 * to the others: with plain keys (`search`, `social`, `ooh`, as `mmm fit` leaves them) "paid
 * search", "PPC", "Facebook ads" and "billboards" still find their channel. A channel's own
 * names always win over these; a synonym two channels could claim is ambiguous and asked back.
 */

/** Each list is one kind of channel: every name in it stands for the others. Lower-case words, as questions are normalized. */
export const CHANNEL_SYNONYMS: readonly (readonly string[])[] = [
  ['tv', 'television', 'linear tv', 'linear', 'tv ads', 'broadcast tv', 'cable tv', 'tv spots', 'telly'],
  ['ctv', 'connected tv', 'ott', 'streaming tv'],
  ['search', 'paid search', 'sem', 'ppc', 'google', 'google ads', 'adwords', 'search ads', 'bing ads', 'google search', 'search engine marketing'],
  ['social', 'paid social', 'social media', 'social ads', 'facebook', 'facebook ads', 'fb', 'meta', 'meta ads', 'instagram', 'ig'],
  ['display', 'display ads', 'banners', 'banner ads', 'programmatic', 'programmatic display', 'gdn'],
  ['video', 'online video', 'olv', 'youtube', 'youtube ads'],
  ['radio', 'audio', 'broadcast radio', 'terrestrial radio', 'radio ads'],
  ['ooh', 'outdoor', 'out of home', 'billboards', 'billboard', 'dooh', 'posters', 'outdoor ads'],
  ['print', 'newspapers', 'newspaper', 'magazines', 'magazine', 'press', 'print ads'],
  ['email', 'e mail', 'emails', 'newsletters', 'crm'],
  ['affiliate', 'affiliates', 'affiliate marketing'],
  ['direct mail', 'mail', 'mailers', 'dm'],
];

const BY_NAME = new Map<string, readonly string[]>();
for (const names of CHANNEL_SYNONYMS) for (const name of names) BY_NAME.set(name, names);

/** The synonyms of a channel known by these names (lower-case words), none when none is a usual channel name. */
export function synonymsOf(names: string[]): string[] {
  const found = new Set<string>();
  for (const name of names) for (const synonym of BY_NAME.get(name) ?? []) found.add(synonym);
  return [...found];
}

/** A spend column's channel name: "tv_spend", "spend_tv", "mdsp_tv" → "tv". */
export function withoutSpendAffix(key: string): string {
  return key.replace(/^(?:mdsp|spend)[_\- ]|[_\- ]spend$/i, '');
}
