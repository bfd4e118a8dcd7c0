/** Seeded randomness: every random choice in a fit comes from here, so a seed reproduces a model. */

/** A stream of uniform numbers in [0, 1) (SplitMix32-style mixing of a 32-bit state). */
export function seededRandom(seed: number, stream = 0): () => number {
  let state = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw from two uniforms (Box–Muller). */
export function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `count` points in [0,1]^dims, each dimension stratified into `count` equal slices (Latin hypercube). */
export function latinHypercube(count: number, dims: number, random: () => number): number[][] {
  const points = Array.from({ length: count }, () => new Array<number>(dims));
  for (let d = 0; d < dims; d++) {
    const slots = Array.from({ length: count }, (_, i) => i);
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [slots[i], slots[j]] = [slots[j], slots[i]];
    }
    for (let i = 0; i < count; i++) points[i][d] = (slots[i] + random()) / count;
  }
  return points;
}
