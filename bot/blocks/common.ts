import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type ActionsBlockElement = types.ActionsBlockElement;

// Slack refuses a section whose text is longer than this.
const SECTION_TEXT_LIMIT = 3000;

/** Slack mrkdwn treats &, < and > as markup: user-visible text must escape them. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cut to Slack's limit, saying so instead of failing the whole message. */
export function fitSection(text: string, limit = SECTION_TEXT_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 2)}…`;
}

export function section(mrkdwn: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: fitSection(mrkdwn) } };
}

/** A monospace table: the block Slack renders columns in reliably on desktop and mobile. */
export function codeSection(title: string, table: string): KnownBlock {
  const fence = '```';
  return section(`*${escapeMrkdwn(title)}*\n${fence}${fitSection(escapeMrkdwn(table), SECTION_TEXT_LIMIT - title.length - 12)}${fence}`);
}

/** Small grey lines under an answer: restatements, warnings, footnotes. */
export function contextLine(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: fitSection(mrkdwn) }] };
}

export function bullets(lines: string[]): string {
  return lines.map((l) => `• ${escapeMrkdwn(l)}`).join('\n');
}
