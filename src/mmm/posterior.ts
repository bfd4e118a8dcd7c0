/**
 * Posterior draws of the transforms: differential-evolution Markov chain Monte Carlo with an
 * archive of past states (DE-MCz; ter Braak & Vrugt, Statistics and Computing 2008). It needs no
 * gradients and adapts to correlated parameters on its own, which suits the search's unit cube:
 * a proposal moves a chain by the difference of two archived states, so steps take the shape
 * the posterior has. The log posterior is the one the search maximizes (profile likelihood with
 * Gaussian errors plus the transforms' priors): −(weeks/2)·log(score).
 *
 * Why sample instead of keeping the best point: on short data with many channels the best point
 * fits noise (on 7 channels × 2 years its in-sample error is a third of the truth's) with steep
 * curves whose slopes send the budget to the wrong channels. Averaged over the posterior, those
 * one-off fits cancel; measured on the simulated family, plans made on the posterior mean
 * captured more of the achievable gain (see bench/decision.bench.ts).
 */
import { seededRandom, standardNormal } from './random';

export interface PosteriorSampling {
  /** Chains updated in turn each generation. */
  chains: number;
  generations: number;
  /** How many states to return, spread evenly over the second half of the run. */
  draws: number;
  /**
   * Divides the log posterior (1 = the posterior itself). Above 1 the draws spread wider, as a
   * "power posterior" does for a model that is too flexible for its data.
   */
  temperature: number;
}

/** Every `ARCHIVE_EVERY`-th generation the chains' states join the archive proposals draw from. */
const ARCHIVE_EVERY = 5;
/** Every tenth generation the full difference is proposed, so chains can jump between modes. */
const JUMP_EVERY = 10;
/** Archive states drawn from the prior (uniform on the cube) before the run, per dimension. */
const PRIOR_ARCHIVE_PER_DIM = 10;
/** Where chains start around the best point (unit-cube standard deviation). */
const START_SPREAD = 0.05;

const insideCube = (u: number[]) => u.every((v) => v >= 0 && v <= 1);

/**
 * States of the chain population after burn-in, `draws` of them. `logPosterior` may return
 * −Infinity; `start` is the search's best point. Seeded: the same seed gives the same draws.
 */
export function samplePosterior(
  logPosterior: (u: number[]) => number,
  start: number[],
  sampling: PosteriorSampling,
  seed: number,
  stream: number,
): number[][] {
  const dims = start.length;
  const random = seededRandom(seed, 7000 + stream);
  const archive: number[][] = Array.from({ length: PRIOR_ARCHIVE_PER_DIM * dims }, () => Array.from({ length: dims }, () => random()));
  const chains = Array.from({ length: sampling.chains }, () => start.map((v) => Math.min(1, Math.max(0, v + START_SPREAD * standardNormal(random)))));
  const target = (u: number[]) => (insideCube(u) ? logPosterior(u) / sampling.temperature : -Infinity);
  const current = chains.map(target);
  const gamma = 2.38 / Math.sqrt(2 * dims);
  const burnIn = Math.floor(sampling.generations / 2);
  const keepEvery = Math.max(1, Math.floor(((sampling.generations - burnIn) * sampling.chains) / sampling.draws));
  const draws: number[][] = [];
  let kept = 0;
  for (let g = 0; g < sampling.generations; g++) {
    const scale = g % JUMP_EVERY === JUMP_EVERY - 1 ? 1 : gamma;
    for (let k = 0; k < sampling.chains; k++) {
      const a = archive[Math.floor(random() * archive.length)];
      const b = archive[Math.floor(random() * archive.length)];
      const proposal = chains[k].map((v, d) => v + scale * (a[d] - b[d]) + 1e-4 * standardNormal(random));
      const value = target(proposal);
      if (Math.log(random()) < value - current[k]) {
        chains[k] = proposal;
        current[k] = value;
      }
      if (g >= burnIn && kept++ % keepEvery === 0 && draws.length < sampling.draws) draws.push(chains[k].slice());
    }
    if (g % ARCHIVE_EVERY === 0) for (const chain of chains) archive.push(chain.slice());
  }
  // A short run can keep a few too few: top up from the last states.
  for (let k = 0; draws.length < sampling.draws; k++) draws.push(chains[k % chains.length].slice());
  return draws;
}
