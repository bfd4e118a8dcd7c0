/**
 * Errors a marketer caused and can fix: an impossible scenario or optimization spec. Front
 * doors show `message` as is (GraphQL maps it to BAD_USER_INPUT), so it names the problem.
 */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** The constraints of an optimization cannot all hold; `conflicts` is a small set of them that already clash, in words. */
export class InfeasibleConstraintsError extends ScenarioError {
  constructor(readonly conflicts: string[]) {
    super(`${joinInWords(conflicts)} cannot ${conflicts.length === 2 ? 'both' : 'all'} hold.`);
    this.name = 'InfeasibleConstraintsError';
  }
}

/** "a", "a and b", "a, b and c". */
export function joinInWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
