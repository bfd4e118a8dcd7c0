import fc from 'fast-check';

/**
 * Property tests draw the same cases on every run, so that CI passes or fails on the code,
 * not on the draw. A rare failing draw is still worth finding: `FC_SEED=random npm test`
 * (or any number) explores other cases, and a failure prints its seed to replay.
 */
const wanted = process.env.FC_SEED;
if (wanted !== 'random') fc.configureGlobal({ seed: wanted ? Number(wanted) : 20261123 });
