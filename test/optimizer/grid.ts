/**
 * Exhaustive search over a grid of weekly plans that spend exactly the budget: the reference
 * the global optimizer is proven against on small problems.
 */
import type { ResponseCurve } from '../../src/optimizer/envelope';

export interface GridBest {
  value: number;
  plan: number[];
}

export function bestOnGrid(curves: ResponseCurve[], budget: number, steps: number, allowed: (plan: number[]) => boolean = () => true): GridBest | null {
  const h = budget / steps;
  const n = curves.length;
  // Contributions on the grid once per channel: the search then only adds numbers.
  const table = curves.map((c) => Array.from({ length: steps + 1 }, (_, k) => c.contribution(k * h)));
  let best: GridBest | null = null;
  const units = new Array<number>(n).fill(0);
  const visit = (channel: number, left: number, sum: number) => {
    if (channel === n - 1) {
      units[channel] = left;
      const value = sum + table[channel][left];
      if (best && value <= best.value) return;
      const plan = units.map((u) => u * h);
      if (allowed(plan)) best = { value, plan };
      return;
    }
    for (let k = 0; k <= left; k++) {
      units[channel] = k;
      visit(channel + 1, left - k, sum + table[channel][k]);
    }
  };
  visit(0, steps, 0);
  return best;
}
