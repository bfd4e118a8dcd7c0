/**
 * Moving-block bootstrap: resample the training weeks in blocks (so carry-over and residual
 * autocorrelation inside a block survive), refit, repeat. It gives each draw its linear part:
 * with a search, the draw's transforms come from the posterior (posterior.ts); with fixed
 * transforms, the resample alone makes the draw.
 */
import type { RowScheme } from './engine';
import { seededRandom } from './random';

/** Two months: as long as the carry-over the model allows, so a block holds a whole echo. */
export const BOOTSTRAP_BLOCK_WEEKS = 8;

/** A resample as a row scheme: each training week's class is how many times it was drawn, its weight in the fit. */
export function movingBlockScheme(trainingWeeks: number, seed: number, draw: number, blockWeeks = BOOTSTRAP_BLOCK_WEEKS): RowScheme {
  const random = seededRandom(seed, 1000 + draw);
  const block = Math.min(blockWeeks, trainingWeeks);
  const counts = new Int32Array(trainingWeeks);
  let drawn = 0;
  while (drawn < trainingWeeks) {
    const start = Math.floor(random() * (trainingWeeks - block + 1));
    for (let t = start; t < start + block && drawn < trainingWeeks; t++, drawn++) counts[t]++;
  }
  let classCount = 0;
  for (const c of counts) classCount = Math.max(classCount, c + 1);
  const multiplicity = Array.from({ length: classCount }, (_, m) => m);
  return {
    classOf: counts,
    classCount,
    folds: [],
    fit: multiplicity,
  };
}
