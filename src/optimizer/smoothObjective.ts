/** What the local refinements climb (a horizon's contribution with carry-over): a value and its exact gradient. */
export interface SmoothObjective {
  value(x: number[]): number;
  /** Exact gradient of `value`. */
  gradient(x: number[]): number[];
}
