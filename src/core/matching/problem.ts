/**
 * The abstract optimisation problem both the cohort pipeline and `solveJson` reduce to:
 * a transportation problem with integer costs (min-cost form, cost = −scaled score).
 *
 *   minimise   Σ cost[p]·x[p] + Σ_j Σ_{k < load_j} slotCost[j][k] + unmatchedCost · #unmatched
 *   subject to each present mentee takes at most one of its arcs, mentor j at most capacity[j],
 *
 * where slot costs per mentor are non-decreasing (convex), so a mentor's k-th mentee is never
 * cheaper than its first. That keeps the model a min-cost flow.
 */
export interface AssignmentProblem {
  readonly nMentees: number;
  readonly nMentors: number;
  /** CSR over mentees: arcs p in rowStart[i]..rowStart[i+1], sorted by mentor within a row. */
  readonly rowStart: Int32Array;
  readonly mentor: Int32Array;
  /** Integer-valued (exact in float64). */
  readonly cost: Int32Array | Float64Array;
  /** Free slots per mentor. */
  readonly capacity: Int32Array;
  /** Flattened per-mentor slot costs (length Σ capacity, offsets = prefix sums); null = all zero. */
  readonly slotCost: Float64Array | null;
  /** Mentees taking part (locked ones are decided already); null = all. */
  readonly present: Uint8Array | null;
  /** Cost of leaving a mentee unmatched: 0 maximises score; a huge value maximises matches first. */
  readonly unmatchedCost: number;
}

export function slotOffsets(capacity: Int32Array): Int32Array {
  const off = new Int32Array(capacity.length + 1);
  for (let j = 0; j < capacity.length; j++) off[j + 1] = off[j]! + capacity[j]!;
  return off;
}

/**
 * A mentor never needs more slots than mentees who can reach it; clamping keeps slot arrays small
 * even when a coordinator enters "capacity 1000".
 */
export function clampCapacityToDegree(p: Pick<AssignmentProblem, 'mentor' | 'nMentors'>, capacity: Int32Array): Int32Array {
  const deg = new Int32Array(p.nMentors);
  for (let q = 0; q < p.mentor.length; q++) deg[p.mentor[q]!]! += 1;
  const out = new Int32Array(capacity.length);
  for (let j = 0; j < capacity.length; j++) out[j] = Math.max(0, Math.min(capacity[j]!, deg[j]!));
  return out;
}

/**
 * Unmatched cost for the lexicographic mode: larger than any possible difference in total score,
 * so one more matched mentee always outweighs every score improvement.
 */
export function lexicographicUnmatchedCost(p: AssignmentProblem): number {
  let maxAbs = 0;
  for (let q = 0; q < p.cost.length; q++) maxAbs = Math.max(maxAbs, Math.abs(p.cost[q]!));
  let maxSlot = 0;
  if (p.slotCost) for (let q = 0; q < p.slotCost.length; q++) maxSlot = Math.max(maxSlot, Math.abs(p.slotCost[q]!));
  let n = 0;
  for (let i = 0; i < p.nMentees; i++) if (!p.present || p.present[i]) n++;
  const big = 2 * (n + 1) * (maxAbs + maxSlot) + 1;
  if (!(big < 2 ** 50)) throw new Error('costs too large for exact lexicographic solving; reduce the score scale');
  return big;
}
