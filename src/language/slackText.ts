/**
 * Slack message text → the plain words a person typed. Slack wraps mentions and links in
 * angle brackets, people decorate with markdown and emoji, and phones insert smart quotes:
 * none of that carries meaning for the parser.
 */

const SLACK_ENTITIES: Array<[RegExp, string]> = [
  [/&amp;/g, '&'],
  [/&lt;/g, '<'],
  [/&gt;/g, '>'],
];

/** `<@U123>`, `<#C123|general>`, `<!here>`: addressing, not content. `<http://x|label>` keeps its label. */
function withoutSlackMarkup(text: string): string {
  return text
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<(?:https?|mailto):[^>|]*\|([^>]*)>/g, '$1')
    .replace(/<(?:https?|mailto):[^>]*>/g, ' ');
}

/** `*bold*`, `_italic_`, `~strike~`, `` `code` `` → their words. Underscores inside words (channel keys like `paid_search`) stay. */
function withoutFormatting(text: string): string {
  return text
    .replace(/```|`/g, ' ')
    .replace(/[*~]+/g, '')
    .replace(/(^|[\s(])_+(?=\S)/g, '$1')
    .replace(/(?<=\S)_+(?=$|[\s.,!?;:)])/g, '');
}

/** `:rocket:`, `:+1::skin-tone-2:` and unicode pictographs with their joiners and modifiers. */
function withoutEmoji(text: string): string {
  return text
    .replace(/:[a-z0-9_+'-]+:/gi, ' ')
    .replace(/\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]|\u200D|\uFE0F|\u20E3/gu, ' ');
}

function withPlainPunctuation(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00A0\u2007\u202F\t\r\n]+/g, ' ');
}

/**
 * The message as plain text, one line, trimmed, without trailing punctuation.
 * Case is kept: restatements and "I don't know a channel called X" quote the user.
 */
export function plainText(message: string): string {
  let text = message;
  for (const [pattern, replacement] of SLACK_ENTITIES) text = text.replace(pattern, replacement);
  text = withPlainPunctuation(withoutEmoji(withoutFormatting(withoutSlackMarkup(withListJoined(text)))));
  // A quoted line ("> cut TV by 30%") is still the question.
  text = text.replace(/^\s*>+\s?/, '');
  return withoutPleasantries(
    text
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\s.!?,;:]+$/, '')
      .trim(),
  );
}

const LIST_ITEM = /^\s*(?:[\u2022\u25E6\u25AA\u2023\-*]|\d{1,2}[.)])\s+/;

/** A bulleted or numbered list of changes ("• cut TV 10%\n• double search") is one scenario, its items in order; a heading line ("Two changes:") goes. */
function withListJoined(text: string): string {
  const lines = text.split(/\r?\n/);
  const items = lines.filter((line) => LIST_ITEM.test(line));
  if (items.length < 2) return text;
  const kept = lines.filter((line) => LIST_ITEM.test(line) || !/:\s*$/.test(line.trim())).filter((line) => line.trim() !== '');
  return kept.map((line) => line.replace(LIST_ITEM, '').trim()).join(' ; ');
}

/** Sentences that are manners, not the question: "I'm curious.", "Thanks in advance!", "hi team!". */
const PLEASANTRY =
  /^(?:thanks?(?: you)?(?: so much| a lot| in advance| again)?|thx|ty|cheers|much appreciated|appreciate it|i'?m curious|i am curious|just curious|curious|quick (?:one|question|q)|hi(?: team| all| there| everyone)?|hello(?: team| all| there| everyone)?|hey(?: team| all| there| everyone)?|(?:good )?morning(?: all| team)?|hope you'?re (?:well|good)|just wondering|(?:just )?asking for a friend|just asking|no rush|no worries|when you (?:get|have) a (?:sec|second|minute|chance)|question|q|cool|great|nice|perfect|awesome|ok|okay|got it|interesting|hmm+|right|sure)[\s!.]*$/i;

/** The message without its pleasantry sentences, when something else is left ("thanks!" alone stays as it is). */
function withoutPleasantries(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+|(?<=^[^,]{1,20}),\s+(?=[a-z])|\s+-\s+(?=[a-z])/i);
  const kept = sentences.filter((sentence) => !PLEASANTRY.test(sentence.trim()));
  return kept.length > 0 && kept.length < sentences.length ? kept.join(' ').replace(/[\s.!?,;:]+$/, '').trim() : text;
}
