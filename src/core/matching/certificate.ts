import { slotOffsets, type AssignmentProblem } from './problem';

/**
 * LP-duality optimality certificate for an assignment of the problem in `problem.ts`.
 *
 * Dual of the transportation LP: mentee prices α_i (free), mentor prices β_j (free) and slot
 * surpluses μ_jk ≥ 0 with α_i + β_j ≤ cost_ij, α_i ≤ unmatchedCost, −β_j − μ_jk ≤ slotCost_jk.
 * Given β alone the best α and μ follow, so a certificate is just the mentor prices. Weak duality
 * says any dual value is a lower bound on every feasible cost; a feasible assignment whose cost
 * equals the dual value is therefore optimal (gap 0). All sums are exact BigInt integers, and every
 * arc of the full problem — including arcs the solver pruned — is checked.
 */
export interface CertificateCheck {
  readonly feasible: boolean;
  readonly problems: string[];
  readonly primal: bigint;
  readonly dual: bigint;
  /** Arcs whose reduced cost against the assignment's own mentee prices is negative. */
  readonly violatingArcs: number[];
  readonly checkedArcs: number;
}

export function checkCertificate(
  problem: AssignmentProblem,
  arcOf: Int32Array,
  beta: Float64Array,
  collectViolations = false,
): CertificateCheck {
  const { nMentees: n, nMentors: m, rowStart, mentor, cost, capacity, present } = problem;
  const D = problem.unmatchedCost;
  const off = slotOffsets(capacity);
  const slotCostOf = (j: number, k: number): number => (problem.slotCost ? problem.slotCost[off[j]! + k]! : 0);
  const problems: string[] = [];
  const load = new Int32Array(m);
  let primal = 0n;
  let dual = 0n;
  const violatingArcs: number[] = [];
  for (let j = 0; j < m; j++) {
    if (!Number.isInteger(beta[j])) problems.push(`mentor ${j}: price ${beta[j]} is not an integer`);
  }
  for (let i = 0; i < n; i++) {
    const a = arcOf[i]!;
    const lo = rowStart[i]!;
    const hi = rowStart[i + 1]!;
    if (present && !present[i]) {
      if (a !== -1) problems.push(`mentee ${i} is not part of the problem but is assigned`);
      continue;
    }
    let own: number;
    if (a === -1) {
      own = D;
      primal += BigInt(D);
    } else if (a < lo || a >= hi) {
      problems.push(`mentee ${i} uses arc ${a} which is not one of its arcs`);
      continue;
    } else {
      const j = mentor[a]!;
      load[j]! += 1;
      primal += BigInt(cost[a]!);
      own = cost[a]! - beta[j]!;
    }
    let best = D;
    for (let p = lo; p < hi; p++) {
      const rc = cost[p]! - beta[mentor[p]!]!;
      if (rc < best) best = rc;
      if (collectViolations && rc < own) violatingArcs.push(p);
    }
    if (Number.isInteger(best)) dual += BigInt(best);
    else problems.push(`mentee ${i}: dual value ${best} is not an integer`);
  }
  for (let j = 0; j < m; j++) {
    if (load[j]! > capacity[j]!) problems.push(`mentor ${j} has ${load[j]} mentees but capacity ${capacity[j]}`);
    for (let k = 0; k < load[j]! && k < capacity[j]!; k++) primal += BigInt(slotCostOf(j, k));
    if (!Number.isInteger(beta[j])) continue;
    for (let k = 0; k < capacity[j]!; k++) {
      const mu = -slotCostOf(j, k) - beta[j]!;
      if (mu > 0) dual -= BigInt(mu);
    }
  }
  return {
    feasible: problems.length === 0,
    problems,
    primal,
    dual,
    violatingArcs,
    checkedArcs: mentor.length,
  };
}
