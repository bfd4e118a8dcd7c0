/**
 * The names a channel gets when nobody gave it any: the same at every door, so that a dataset
 * ingested into the server and a model fitted by `mmm fit` on the same file call a channel
 * the same thing (`search`, "Search", group digital).
 */
import { withoutSpendAffix } from './synonyms';

/** How marketers name a channel: shown name, other words for it, and its group (digital, traditional, …). */
export interface ChannelNaming {
  displayName?: string;
  aliases?: string[];
  group?: string | null;
}

/** A channel's naming with nothing left out. */
export interface ChannelNames {
  displayName: string;
  aliases: string[];
  group: string | null;
}

/** Channel words written in capitals: "ooh" → "OOH", "ctv_spend" → "CTV Spend". */
const ACRONYMS = new Set(['ooh', 'dooh', 'ctv', 'ott', 'sem', 'seo', 'ppc', 'crm', 'olv', 'gdn', 'dm']);

/** "paid_search" → "Paid Search"; short keys are acronyms ("tv" → "TV"). */
export function displayNameFromKey(key: string): string {
  if (key.length <= 2) return key.toUpperCase();
  return key
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

// Without stored groups these common names let "digital" and "traditional" mean something.
const DIGITAL = /search|sem|ppc|social|display|video|online|digital|email|affiliate|programmatic|youtube|facebook|meta|tiktok/i;
const TRADITIONAL = /^(?:tv|television|radio|print|ooh|outdoor|newspaper|magazine|direct_?mail)$/i;

/** The group a channel's name makes plain, or null. */
export function groupFromKey(key: string): string | null {
  return DIGITAL.test(key) ? 'digital' : TRADITIONAL.test(key) ? 'traditional' : null;
}

/**
 * A channel's names: what was given, the rest derived from its key. A key that still carries a
 * spend-column affix (model files written before channels were keyed like the server's:
 * `tv_spend`) is named by the channel in it, which is also accepted as an alias.
 */
export function channelNames(key: string, given: ChannelNaming = {}): ChannelNames {
  const plain = withoutSpendAffix(key);
  return {
    displayName: given.displayName ?? displayNameFromKey(plain),
    aliases: given.aliases ?? (plain === key ? [] : [plain]),
    group: given.group === undefined ? groupFromKey(plain) : given.group,
  };
}
