/**
 * A Slack message's Block Kit as the plain text a person reads: sections and context lines with
 * mrkdwn markup removed (bold, italics, code fences, escapes), header text, buttons as [Label].
 */
interface Block {
  type: string;
  text?: { type: string; text: string };
  elements?: Array<{ type: string; text?: string | { text: string } }>;
}

function unMrkdwn(text: string): string {
  return text
    .replace(/```/g, '')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_/g, '$1$2')
    .replace(/:[a-z_]+: /g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function blockKitText(blocks: unknown): string {
  const lines: string[] = [];
  for (const block of (blocks ?? []) as Block[]) {
    if ((block.type === 'section' || block.type === 'header') && block.text) lines.push(unMrkdwn(block.text.text));
    else if (block.type === 'context') lines.push(...(block.elements ?? []).map((e) => unMrkdwn(typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))));
    else if (block.type === 'actions') lines.push((block.elements ?? []).map((e) => `[${typeof e.text === 'string' ? e.text : (e.text?.text ?? '')}]`).join(' '));
  }
  return lines.join('\n');
}
