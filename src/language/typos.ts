/**
 * Typo tolerance: how far a typed word is from a known one, and the words that carry a
 * question's intent ("wht if", "budgt", "optimze", "reduse") put right before the phrase
 * patterns read them. Distances come from fastest-levenshtein; a swap of two neighbouring
 * letters ("serach") counts as one typo, as people make it.
 */
import { distance } from 'fastest-levenshtein';

/** Edits between two words, a neighbour swap counting once; anything over `limit` reports `limit + 1`. */
export function typoDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const d = isNeighbourSwap(a, b) ? 1 : distance(a, b);
  return Math.min(d, limit + 1);
}

/** "serach" / "search": the same letters with one pair of neighbours swapped. */
function isNeighbourSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const differ: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ.push(i);
  return differ.length === 2 && differ[1] === differ[0] + 1 && a[differ[0]] === b[differ[1]] && a[differ[1]] === b[differ[0]];
}

/** Typos allowed for a word of this length: none up to 3 letters ("tv"), one up to 5, two from 6 on. */
export function typoAllowance(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : 2;
}

/** Words that carry what a question asks for; a word one or two typos away is read as one of these. */
const INTENT_WORDS = (
  'what happens would suppose imagine move moving shift shifting reallocate transfer redirect cut cutting reduce reducing decrease ' +
  'lower increase increasing raise boost double triple halve pause stop budget budgets optimize optimise optimal maximize ' +
  'spend spending allocate allocation split should could marginal return returns saturation saturated response curve model ' +
  'trained accurate accuracy contribution contributions compare instead between percent weekly monthly quarter month weeks ' +
  'total keep least above below under change changes every which where best dollar extra additional recommend scenario ' +
  'remove plan channel channels about help efficient effective performing performance improve'
).split(' ');
const INTENT_SET = new Set(INTENT_WORDS);

/** Short words too close to others for a distance to tell: their usual typos and abbreviations, spelled out. */
const SHORT_TYPOS: Record<string, string> = { chg: 'change', chng: 'change', decr: 'decrease', incr: 'increase', wht: 'what', waht: 'what', whta: 'what', wat: 'what', whats: 'whats', hw: 'how', cutt: 'cut', moev: 'move', mvoe: 'move', form: 'from', frm: 'from', fro: 'from', cn: 'can', wen: 'when' };

/** Everyday words that are not typos of an intent word, however close ("spent" is not "spend", "than" is not "what"). */
const COMMON_WORDS = new Set(
  (
    'the and for with from into onto that this than then them they their there these those what when where which while who why how ' +
    'was were will would could should have has had does did done doing can may might must shall also just only even more most less ' +
    'much many some each every any all both none our your you its his her him she one two three four five six seven eight nine ten ' +
    'spent spends moved moves cuts cutting raised raises doubled halved paused stopped shifted reduced increased lowered boosted ' +
    'kept keeps keeping take took taken give gave given make made makes going goes went come came put puts set sets get got ' +
    'week month year quarter today now next last over under above below after before about around across again still same other ' +
    'else instead rather like look looks best better worse worst good bad high higher low lower big bigger small smaller top ' +
    'money cash dollars bucks grand spend budget total sales revenue kpi roi roas plan mix split share part half third ' +
    'channel channels media ads advert adverts advertising marketing campaign campaigns spending cost costs price ' +
    'happen happened please thanks thank okay hey hello help yes not no nope yeah sure want wanted need needs think try tried show tell ' +
    'cant dont wont isnt arent doesnt didnt shouldnt mustnt cannot whats thats lets heres theres ive weve were youre theyre ill well ' +
    'chance odds risk safe safest sure confident confidence likely probability percent pct per cent times twice hundred thousand million ' +
    'beat beats beating send sends check checks current currently report reports retrain retrained refresh update updated ' +
    'cheapest cheap rebalance conservative curious twenty thirty forty fifty thirds quarters tuesday thursday sunday monday ' +
    'much off out down up back away between within without through during until by at on in of to if or as be is are it an a so do'
  ).split(' '),
);

export function isCommonWord(word: string): boolean {
  return COMMON_WORDS.has(word) || INTENT_SET.has(word);
}

export interface Correction {
  typed: string;
  readAs: string;
}

/** "moved", "cuts", "budgets": an intent word with an ending, not a typo. */
function isInflection(word: string): boolean {
  return INTENT_WORDS.some((w) => word.startsWith(w) && /^(?:s|es|d|ed|ing|er|ers|ly|ion|ions)$/.test(word.slice(w.length)));
}

/** The intent word a mistyped word stands for: exactly one within its allowance, same first letter; else undefined. */
export function intentWordFor(word: string): string | undefined {
  if (INTENT_SET.has(word) || isInflection(word)) return undefined;
  const short = SHORT_TYPOS[word];
  if (short) return short === word ? undefined : short;
  // Stricter than for channel names: an intent word is read from a near miss only when it is long enough to be sure.
  const limit = word.length < 5 ? 0 : word.length < 8 ? 1 : 2;
  if (limit === 0 || !/^[a-z]+$/.test(word)) return undefined;
  let best = limit + 1;
  let found: string[] = [];
  for (const candidate of INTENT_WORDS) {
    if (candidate[0] !== word[0]) continue;
    const d = typoDistance(word, candidate, limit);
    if (d > limit) continue;
    if (d < best) [best, found] = [d, [candidate]];
    else if (d === best && !found.includes(candidate)) found.push(candidate);
  }
  if (best <= limit) return found.length === 1 ? found[0] : undefined;
  return bySound(word);
}

/** A word's consonants in order, doubled letters once, its first letter kept: "dubble" and "double" are both "dbl". */
function skeleton(word: string): string {
  return (word[0] + word.slice(1).replace(/[aeiouy]/g, '')).replace(/(.)\1+/g, '$1');
}

const BY_SKELETON = new Map<string, string[]>();
for (const w of INTENT_WORDS) BY_SKELETON.set(skeleton(w), [...(BY_SKELETON.get(skeleton(w)) ?? []), w]);

/** Spelled as it sounds ("dubble", "tripple", "incrase"): the one intent word with the same consonants, for words of six letters and more. */
function bySound(word: string): string | undefined {
  if (word.length < 6) return undefined;
  const found = BY_SKELETON.get(skeleton(word));
  return found?.length === 1 ? found[0] : undefined;
}

/**
 * The words with mistyped intent words put right; `isKnown` says which words are fine as typed
 * (the parser's own words, channel names and their near misses, which channel matching handles).
 */
export function withIntentWordsCorrected(words: string, isKnown: (word: string) => boolean): { words: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const out = words.split(' ').map((word) => {
    if (word.length < 3 || isKnown(word)) return word;
    const readAs = intentWordFor(word);
    if (!readAs) return word;
    corrections.push({ typed: word, readAs });
    return readAs;
  });
  return { words: corrections.length > 0 ? out.join(' ') : words, corrections };
}
