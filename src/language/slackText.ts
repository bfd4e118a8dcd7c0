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
  text = withPlainPunctuation(withoutEmoji(withoutFormatting(withoutSlackMarkup(text))));
  // A quoted line ("> cut TV by 30%") is still the question.
  text = text.replace(/^\s*>+\s?/, '');
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!?,;:]+$/, '')
    .trim();
}
