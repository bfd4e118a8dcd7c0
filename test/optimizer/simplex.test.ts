import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solveLinearProgram } from '../../src/optimizer/simplex';

describe('solveLinearProgram', () => {
  it('solves a textbook program (max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18: x=2, y=6)', () => {
    const result = solveLinearProgram({
      cost: [-3, -5],
      rows: [
        { coefficients: [1, 0], sense: '<=', rhs: 4 },
        { coefficients: [0, 2], sense: '<=', rhs: 12 },
        { coefficients: [3, 2], sense: '<=', rhs: 18 },
      ],
      lower: [0, 0],
      upper: [Infinity, Infinity],
    });
    expect(result.status).toBe('optimal');
    if (result.status !== 'optimal') return;
    expect(result.x[0]).toBeCloseTo(2, 9);
    expect(result.x[1]).toBeCloseTo(6, 9);
    expect(result.value).toBeCloseTo(-36, 9);
  });

  it('handles equalities, >= rows, non-zero lower bounds and upper bounds', () => {
    // min x + 2y + 3z, x + y + z = 10, x >= 1 (bound), x <= 3, y >= 2 (row): x=3, y=7, z=0 → 17
    const result = solveLinearProgram({
      cost: [1, 2, 3],
      rows: [
        { coefficients: [1, 1, 1], sense: '=', rhs: 10 },
        { coefficients: [0, 1, 0], sense: '>=', rhs: 2 },
      ],
      lower: [1, 0, 0],
      upper: [3, Infinity, Infinity],
    });
    expect(result).toMatchObject({ status: 'optimal' });
    if (result.status !== 'optimal') return;
    expect(result.x.map((v) => +v.toFixed(9))).toEqual([3, 7, 0]);
    expect(result.value).toBeCloseTo(17, 9);
  });

  it('reports infeasible and unbounded programs', () => {
    expect(
      solveLinearProgram({ cost: [0, 0], rows: [{ coefficients: [1, 1], sense: '<=', rhs: 5 }], lower: [3, 3], upper: [Infinity, Infinity] }).status,
    ).toBe('infeasible');
    expect(solveLinearProgram({ cost: [-1, 0], rows: [{ coefficients: [1, -1], sense: '<=', rhs: 1 }], lower: [0, 0], upper: [Infinity, Infinity] }).status).toBe(
      'unbounded',
    );
  });

  it('matches brute force over the vertices of random two-variable boxes with a budget row', () => {
    // min c·x over 0 <= x <= u, x1 + x2 <= b: the optimum is one of the polygon's corners.
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })),
        fc.tuple(fc.double({ min: 0.5, max: 10, noNaN: true }), fc.double({ min: 0.5, max: 10, noNaN: true })),
        fc.double({ min: 0.1, max: 15, noNaN: true }),
        ([c1, c2], [u1, u2], b) => {
          const result = solveLinearProgram({ cost: [c1, c2], rows: [{ coefficients: [1, 1], sense: '<=', rhs: b }], lower: [0, 0], upper: [u1, u2] });
          const corners = [
            [0, 0],
            [Math.min(u1, b), 0],
            [0, Math.min(u2, b)],
            [Math.min(u1, b), Math.max(0, Math.min(u2, b - Math.min(u1, b)))],
            [Math.max(0, Math.min(u1, b - Math.min(u2, b))), Math.min(u2, b)],
          ];
          const best = Math.min(...corners.map(([x, y]) => c1 * x + c2 * y));
          expect(result.status).toBe('optimal');
          if (result.status === 'optimal') expect(result.value).toBeCloseTo(best, 7);
        },
      ),
      { numRuns: 200 },
    );
  });
});
