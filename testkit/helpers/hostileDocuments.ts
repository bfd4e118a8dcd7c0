/**
 * GraphQL documents an attacker would send, shared by the hostile-input tests and
 * bench/hostile. A fragment fan-out: level i spreads level i+1 `width` times, so the leaf
 * is reached width^levels times while the document stays a few lines long.
 */
export function fanOut(levels: number, width: number, leaf: string, on: string): string {
  const fragments: string[] = [];
  for (let i = 0; i < levels; i++) fragments.push(`fragment F${i} on ${on} { ${Array.from({ length: width }, () => `...F${i + 1}`).join(' ')} }`);
  fragments.push(`fragment F${levels} on ${on} { ${leaf} }`);
  return fragments.join('\n');
}

/** One what-if mutation field, to repeat under aliases. */
export const WHAT_IF_FIELD = 'runWhatIf(input: { changes: [{ kind: SCALE, channel: "tv", amount: { percent: 10 } }] }) { id }';
