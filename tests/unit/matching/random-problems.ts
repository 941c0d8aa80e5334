import { seededRandom } from '../../../src/core/sample/generate';
import type { AssignmentProblem } from '../../../src/core/matching/problem';
import { lexicographicUnmatchedCost } from '../../../src/core/matching/problem';

export interface RandomProblemOptions {
  slots?: boolean;
  lexicographic?: boolean;
  negative?: boolean;
}

/** A random transportation problem with integer costs, some forbidden pairs and (optionally) convex slot costs. */
export function randomProblem(seed: number, o: RandomProblemOptions = {}): AssignmentProblem {
  const r = rng(seed);
  const n = 1 + Math.floor(r() * 8);
  const m = 1 + Math.floor(r() * 5);
  const density = 0.3 + r() * 0.7;
  const rowStart = new Int32Array(n + 1);
  const mentor: number[] = [];
  const cost: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (r() > density) continue;
      mentor.push(j);
      // Small integer costs with many ties: ties are where bugs hide.
      const v = Math.floor(r() * 10) - (o.negative ? 3 : 0);
      cost.push(-v);
    }
    rowStart[i + 1] = mentor.length;
  }
  const capacity = Int32Array.from({ length: m }, () => Math.floor(r() * 3));
  let slotCost: Float64Array | null = null;
  if (o.slots) {
    const parts: number[] = [];
    for (let j = 0; j < m; j++) {
      let c = -Math.floor(r() * 4);
      for (let k = 0; k < capacity[j]!; k++) {
        parts.push(c);
        c += Math.floor(r() * 3); // non-decreasing: convex
      }
    }
    slotCost = Float64Array.from(parts);
  }
  const p: AssignmentProblem = {
    nMentees: n,
    nMentors: m,
    rowStart,
    mentor: Int32Array.from(mentor),
    cost: Float64Array.from(cost),
    capacity,
    slotCost,
    present: null,
    unmatchedCost: 0,
  };
  return o.lexicographic ? { ...p, unmatchedCost: lexicographicUnmatchedCost(p) } : p;
}

/** Small deterministic PRNG so failing instances can be reproduced from their seed. */
export const rng = seededRandom;
