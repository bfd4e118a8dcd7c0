import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concaveEnvelope, envelopeValue, piecesValue, tangentPieces } from '../../src/optimizer/envelope';
import { hillCurve } from '../../testkit/hill';

describe('concaveEnvelope', () => {
  it('touches a Hill curve from zero where f\'(t)·t = f(t), i.e. t = halfSaturation·(shape-1)^(1/shape)', () => {
    for (const [half, shape] of [
      [50, 2],
      [30, 3.5],
      [1e6, 1.5],
    ]) {
      const curve = hillCurve(1000, half, shape);
      const env = concaveEnvelope(curve, 0, 20 * half);
      expect(env.touch / (half * (shape - 1) ** (1 / shape))).toBeCloseTo(1, 9);
    }
  });

  it('is the chord when the interval ends before the curve turns concave enough', () => {
    const curve = hillCurve(100, 50, 3);
    const env = concaveEnvelope(curve, 0, 20);
    expect(env.touch).toBe(20);
    expect(env.chordSlope).toBeCloseTo(curve.contribution(20) / 20, 12);
  });

  it('is the curve itself for a concave curve', () => {
    const curve = hillCurve(100, 50, 0.8);
    const env = concaveEnvelope(curve, 10, 200);
    expect(env.touch).toBe(10);
    expect(envelopeValue(curve, env, 77)).toBeCloseTo(curve.contribution(77), 9);
  });

  it('lies above the curve, and the tangent pieces lie above the envelope (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 1, max: 300, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (shape, lo, width, tangentFractions, at) => {
          const curve = hillCurve(100, 60, shape);
          const hi = lo + width;
          const env = concaveEnvelope(curve, lo, hi);
          const tangents = tangentFractions.map((f) => env.touch + f * (hi - env.touch)).sort((a, b) => a - b);
          const pieces = tangentPieces(curve, env, tangents);
          const x = lo + at * width;
          const scale = 1e-9 * 100;
          expect(envelopeValue(curve, env, x)).toBeGreaterThanOrEqual(curve.contribution(x) - scale);
          expect(piecesValue(pieces, env, x)).toBeGreaterThanOrEqual(envelopeValue(curve, env, x) - scale);
          expect(pieces.pieces.reduce((s, p) => s + p.length, 0)).toBeCloseTo(width, 9);
          for (let k = 1; k < pieces.pieces.length; k++) expect(pieces.pieces[k].slope).toBeLessThanOrEqual(pieces.pieces[k - 1].slope);
        },
      ),
      { numRuns: 300 },
    );
  });
});
