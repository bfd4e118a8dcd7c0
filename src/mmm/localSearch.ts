/** Derivative-free minimizers on the unit cube, used on a few dimensions at a time. */

/** Nelder–Mead inside [0,1]^k: points are clamped to the box. Returns the best point found. */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  step: number,
  maxEvaluations: number,
): { x: number[]; value: number; evaluations: number } {
  const k = start.length;
  const clamp = (x: number[]) => x.map((v) => Math.min(1, Math.max(0, v)));
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    return { x, value: f(x) };
  };
  const simplex = [evaluate(clamp(start))];
  for (let d = 0; d < k; d++) {
    const vertex = [...start];
    // Step inward when the start sits at the upper bound so the simplex never collapses.
    vertex[d] += start[d] + step > 1 ? -step : step;
    simplex.push(evaluate(clamp(vertex)));
  }
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[k];
    const centroid = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) for (let d = 0; d < k; d++) centroid[d] += simplex[i].x[d] / k;
    const along = (t: number) => clamp(centroid.map((c, d) => c + t * (worst.x[d] - c)));
    const reflected = evaluate(along(-1));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(-2));
      simplex[k] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < simplex[k - 1].value) {
      simplex[k] = reflected;
    } else {
      const contracted = evaluate(along(reflected.value < worst.value ? -0.5 : 0.5));
      if (contracted.value < Math.min(worst.value, reflected.value)) {
        simplex[k] = contracted;
      } else {
        for (let i = 1; i <= k; i++) simplex[i] = evaluate(clamp(simplex[i].x.map((v, d) => best.x[d] + 0.5 * (v - best.x[d]))));
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return { x: simplex[0].x, value: simplex[0].value, evaluations };
}

/**
 * Block-coordinate refinement: minimize over one block of dimensions (one channel's transform,
 * or the ridge) at a time with Nelder–Mead, cycling over blocks with a shrinking step until a
 * pass no longer helps.
 */
export function refineByBlocks(
  f: (x: number[]) => number,
  start: number[],
  blocks: number[][],
  options: { passes: number; step: number; evaluationsPerDim: number },
): { x: number[]; value: number; evaluations: number } {
  const x = [...start];
  let value = f(x);
  let evaluations = 1;
  let step = options.step;
  for (let pass = 0; pass < options.passes; pass++) {
    const before = value;
    for (const block of blocks) {
      const withBlock = (v: number[]) => {
        const candidate = [...x];
        block.forEach((d, i) => (candidate[d] = v[i]));
        return f(candidate);
      };
      const found = nelderMead(withBlock, block.map((d) => x[d]), step, options.evaluationsPerDim * (block.length + 1));
      evaluations += found.evaluations;
      if (found.value < value) {
        value = found.value;
        block.forEach((d, i) => (x[d] = found.x[i]));
      }
    }
    if (before - value <= 1e-4 * Math.abs(before)) break;
    step *= 0.5;
  }
  return { x, value, evaluations };
}
