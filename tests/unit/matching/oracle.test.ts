import solver from 'javascript-lp-solver';
import { describe, expect, it } from 'vitest';
import { checkCertificate } from '../../../src/core/matching/certificate';
import { loadHighs, solveMip } from '../../../src/core/matching/mip';
import { slotOffsets, type AssignmentProblem } from '../../../src/core/matching/problem';
import { solveAssignment } from '../../../src/core/matching/solver';
import { randomProblem, rng } from './random-problems';

/** Independent optimum from javascript-lp-solver's branch and bound (min cost incl. unmatched cost). */
function lpSolverOptimum(p: AssignmentProblem): number {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, { max?: number; equal?: number }> = {};
  const binaries: Record<string, 1> = {};
  let offset = 0;
  for (let i = 0; i < p.nMentees; i++) {
    offset += p.unmatchedCost;
    constraints[`e${i}`] = { max: 1 };
    for (let q = p.rowStart[i]!; q < p.rowStart[i + 1]!; q++) {
      variables[`x${q}`] = { obj: p.cost[q]! - p.unmatchedCost, [`e${i}`]: 1, [`m${p.mentor[q]}`]: 1 };
      binaries[`x${q}`] = 1;
    }
  }
  let s = 0;
  for (let j = 0; j < p.nMentors; j++) {
    if (p.slotCost) {
      constraints[`m${j}`] = { equal: 0 };
      for (let k = 0; k < p.capacity[j]!; k++, s++) {
        variables[`y${s}`] = { obj: p.slotCost[s]!, [`m${j}`]: -1, [`yb${s}`]: 1 };
        constraints[`yb${s}`] = { max: 1 };
      }
    } else constraints[`m${j}`] = { max: p.capacity[j]! };
  }
  const res = solver.Solve({ optimize: 'obj', opType: 'min', constraints, variables, binaries }) as {
    feasible: boolean;
    result: number;
  };
  expect(res.feasible).toBe(true);
  return res.result + offset;
}

const variants = [
  { name: 'max-score', o: {} },
  { name: 'max-score, negative scores', o: { negative: true } },
  { name: 'max-score, load slots', o: { slots: true } },
  { name: 'max-matched-then-score', o: { lexicographic: true } },
  { name: 'max-matched-then-score, slots, negative', o: { lexicographic: true, slots: true, negative: true } },
] as const;

const methods = ['auction', 'shortest-paths'] as const;

describe('oracle: optimum equals independent LP/MIP solvers', () => {
  for (const method of methods) {
    for (const v of variants) {
      it(`${method}, ${v.name}: 50 random instances agree with javascript-lp-solver`, () => {
        for (let seed = 1; seed <= 50; seed++) {
          const p = randomProblem(seed * 7919 + v.name.length, v.o);
          // k = 1 forces the pruning + certificate repair loop to do real work.
          const res = solveAssignment(p, { candidateK: 1 + (seed % 3), method });
          expect(res.verified, `seed ${seed}`).toBe(true);
          expect(res.method, `seed ${seed}`).toBe(method === 'auction' ? 'auction' : 'successive-shortest-paths');
          expect(Number(res.cost), `seed ${seed}`).toBeCloseTo(lpSolverOptimum(p), 6);
        }
      });
    }
  }

  it('agrees with HiGHS on a subset, both modes', async () => {
    const highs = await loadHighs();
    for (let seed = 1; seed <= 30; seed++) {
      for (const lexicographic of [false, true]) {
        const p = randomProblem(seed * 104729, { slots: seed % 2 === 0, negative: seed % 3 === 0, lexicographic });
        const res = solveAssignment(p);
        const mip = solveMip(highs, p, [], { lexicographic });
        expect(mip.optimal, `seed ${seed}`).toBe(true);
        let unmatched = 0;
        for (let i = 0; i < p.nMentees; i++) if (mip.arcOf[i]! < 0) unmatched++;
        expect(Number(res.cost)).toBe(mip.cost + unmatched * p.unmatchedCost);
      }
    }
  });
});

describe('certificate', () => {
  it('rejects a corrupted (non-optimal) assignment and corrupted prices', () => {
    let corrupted = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const p = randomProblem(seed * 31337, { slots: true });
      const res = solveAssignment(p);
      const ok = checkCertificate(p, res.arcOf, res.beta);
      expect(ok.feasible && ok.primal === ok.dual).toBe(true);
      // Drop one matched mentee whose pair adds value (its cost plus its mentor's last used slot cost
      // is below the unmatched cost): strictly worse, must fail.
      const load = new Int32Array(p.nMentors);
      for (const a of res.arcOf) if (a >= 0) load[p.mentor[a]!]! += 1;
      const offsets = slotOffsets(p.capacity);
      const lastSlot = (j: number) => (p.slotCost ? p.slotCost[offsets[j]! + load[j]! - 1]! : 0);
      const i = [...res.arcOf].findIndex((a) => a >= 0 && p.cost[a]! + lastSlot(p.mentor[a]!) < p.unmatchedCost);
      if (i < 0) continue;
      const arcOf = res.arcOf.slice();
      arcOf[i] = -1;
      const bad = checkCertificate(p, arcOf, res.beta);
      expect(bad.primal > bad.dual).toBe(true);
      // Prices under which that mentee would rather be unmatched cannot certify the assignment: the
      // duality gap is at least its reduced-cost difference (1 unit). (Optimal prices are not unique,
      // so a small nudge to a price may still be optimal.)
      const beta = res.beta.slice();
      beta[p.mentor[res.arcOf[i]!]!] = p.cost[res.arcOf[i]!]! - p.unmatchedCost - 1;
      const badPrices = checkCertificate(p, res.arcOf, beta);
      expect(badPrices.primal - badPrices.dual >= 1n).toBe(true);
      corrupted++;
    }
    expect(corrupted).toBeGreaterThan(20);
  });

  it('rejects an infeasible assignment (over capacity)', () => {
    const p: AssignmentProblem = {
      nMentees: 2,
      nMentors: 1,
      rowStart: Int32Array.from([0, 1, 2]),
      mentor: Int32Array.from([0, 0]),
      cost: Float64Array.from([-5, -4]),
      capacity: Int32Array.from([1]),
      slotCost: null,
      present: null,
      unmatchedCost: 0,
    };
    const check = checkCertificate(p, Int32Array.from([0, 1]), Float64Array.from([0]));
    expect(check.feasible).toBe(false);
    expect(check.problems[0]).toMatch(/capacity/);
  });
});

describe('pruning is only a speed-up', () => {
  for (const method of methods) {
    it(`${method}: a heavily pruned solve (repaired by the certificate) equals the unpruned optimum on mid-size instances`, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const p = bigProblem(seed);
        const full = solveAssignment(p, { candidateK: 1_000_000, mentorK: 1_000_000, method });
        const pruned = solveAssignment(p, { candidateK: 2, mentorK: 2, method });
        expect(pruned.verified).toBe(true);
        expect(pruned.cost).toBe(full.cost);
        expect(pruned.candidateArcs).toBeLessThan(full.candidateArcs);
        // Fallback after the round limit: all arcs join, and the answer is still the optimum.
        const capped = solveAssignment(p, { candidateK: 1, mentorK: 1, maxRounds: 1, method });
        expect(capped.verified).toBe(true);
        expect(capped.cost).toBe(full.cost);
      }
    });
  }

  it('cohorts whose slots sit mostly with a few large mentors are solved by shortest paths, the rest by the auction', () => {
    const r = rng(5);
    const n = 600;
    const rowStart = new Int32Array(n + 1);
    const mentor: number[] = [];
    const cost: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < 3; j++) {
        mentor.push(j);
        cost.push(-Math.floor(r() * 1000));
      }
      rowStart[i + 1] = mentor.length;
    }
    const group: AssignmentProblem = {
      nMentees: n,
      nMentors: 3,
      rowStart,
      mentor: Int32Array.from(mentor),
      cost: Float64Array.from(cost),
      capacity: Int32Array.from([300, 300, 300]),
      slotCost: null,
      present: null,
      unmatchedCost: 0,
    };
    const auto = solveAssignment(group);
    expect(auto.method).toBe('successive-shortest-paths');
    expect(auto.verified).toBe(true);
    // Forcing the auction gives the same optimum (only slower on this shape).
    expect(solveAssignment(group, { method: 'auction' }).cost).toBe(auto.cost);
    expect(solveAssignment(bigProblem(3)).method).toBe('auction');
  });

  it('both methods reach the same optimum on mid-size instances with ties and load slots', () => {
    for (let seed = 11; seed <= 16; seed++) {
      const p = bigProblem(seed);
      const auction = solveAssignment(p, { method: 'auction' });
      const paths = solveAssignment(p, { method: 'shortest-paths' });
      expect(auction.method).toBe('auction');
      expect(auction.verified).toBe(true);
      expect(auction.cost).toBe(paths.cost);
    }
  });
});

/** ~300 mentees × 60 mentors with tight capacity, load slots and ties. */
function bigProblem(seed: number): AssignmentProblem {
  const r = rng(seed);
  const n = 300;
  const m = 60;
  const rowStart = new Int32Array(n + 1);
  const mentor: number[] = [];
  const cost: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (r() < 0.5) continue;
      mentor.push(j);
      cost.push(-Math.floor(r() * 50));
    }
    rowStart[i + 1] = mentor.length;
  }
  const capacity = Int32Array.from({ length: m }, () => 1 + Math.floor(r() * 8));
  const slots: number[] = [];
  for (let j = 0; j < m; j++) for (let k = 0; k < capacity[j]!; k++) slots.push(-10 + k * 2);
  return {
    nMentees: n,
    nMentors: m,
    rowStart,
    mentor: Int32Array.from(mentor),
    cost: Float64Array.from(cost),
    capacity,
    slotCost: Float64Array.from(slots),
    present: null,
    unmatchedCost: seed % 2 === 0 ? 0 : 1_000_000,
  };
}
