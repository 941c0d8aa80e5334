import type { Highs } from 'highs';
import { slotOffsets, type AssignmentProblem } from './problem';

/**
 * HiGHS (MIP) path, used only when side constraints break the network structure (per-mentor
 * attribute caps, a global cross-department share). The pure matching never comes here: the flow
 * solver is exact and orders of magnitude faster (see docs/matching.md for measurements).
 */

/** A linear row over arcs: lower ≤ Σ coef[k]·x[arcs[k]] ≤ upper. */
export interface SideConstraint {
  readonly name: string;
  readonly arcs: readonly number[];
  readonly coef: readonly number[];
  readonly lower?: number;
  readonly upper?: number;
}

export type HighsSolver = Highs;

let highsPromise: Promise<Highs> | null = null;
/** Loads the WASM solver once per process. */
export function loadHighs(): Promise<Highs> {
  highsPromise ??= import('highs').then((mod) => mod.default());
  return highsPromise;
}

export interface MipResult {
  readonly status: string;
  /** true when HiGHS proved optimality and our own feasibility check passed. */
  readonly optimal: boolean;
  readonly arcOf: Int32Array;
  /** Minimised integer cost (arcs + slots), without the unmatched term. */
  readonly cost: number;
  readonly feasibilityProblems: string[];
  readonly ms: number;
}

export interface MipOptions {
  readonly timeLimitSeconds?: number;
  readonly lexicographic?: boolean;
  /** Arcs that must be used (locks inside the MIP). */
  readonly fixedArcs?: readonly number[];
}

function term(coef: number, name: string): string {
  return `${coef < 0 ? '-' : '+'} ${Math.abs(coef)} ${name}`;
}

/** CPLEX LP text; long sums are wrapped so no line gets huge. */
function lpModel(
  problem: AssignmentProblem,
  side: readonly SideConstraint[],
  objective: 'score' | 'count',
  minMatched: number | null,
  fixed: readonly number[],
): string {
  const { nMentees: n, nMentors: m, rowStart, mentor, cost, capacity } = problem;
  const off = slotOffsets(capacity);
  const out: string[] = ['Minimize', ' obj:'];
  const line: string[] = [];
  const flush = () => {
    if (line.length) out.push(`  ${line.join(' ')}`);
    line.length = 0;
  };
  const push = (t: string) => {
    line.push(t);
    if (line.length >= 12) flush();
  };
  const live = (i: number) => !problem.present || problem.present[i] === 1;
  let any = false;
  for (let i = 0; i < n; i++) {
    if (!live(i)) continue;
    for (let p = rowStart[i]!; p < rowStart[i + 1]!; p++) {
      push(term(objective === 'score' ? cost[p]! : -1, `x${p}`));
      any = true;
    }
  }
  if (objective === 'score' && problem.slotCost) {
    for (let q = 0; q < problem.slotCost.length; q++) if (problem.slotCost[q] !== 0) push(term(problem.slotCost[q]!, `y${q}`));
  }
  if (!any) push('0 zero');
  flush();
  out.push('Subject To');
  const incoming: number[][] = Array.from({ length: m }, () => []);
  for (let i = 0; i < n; i++) {
    if (!live(i) || rowStart[i] === rowStart[i + 1]) continue;
    out.push(` e${i}:`);
    for (let p = rowStart[i]!; p < rowStart[i + 1]!; p++) {
      push(`+ x${p}`);
      incoming[mentor[p]!]!.push(p);
    }
    flush();
    out.push('  <= 1');
  }
  for (let j = 0; j < m; j++) {
    const arcs = incoming[j]!;
    if (arcs.length === 0) continue;
    out.push(` m${j}:`);
    for (const p of arcs) push(`+ x${p}`);
    if (problem.slotCost) {
      for (let k = 0; k < capacity[j]!; k++) push(`- y${off[j]! + k}`);
      flush();
      out.push('  = 0');
    } else {
      flush();
      out.push(`  <= ${capacity[j]}`);
    }
  }
  side.forEach((c, s) => {
    if (c.arcs.length === 0) return;
    out.push(` s${s}:`);
    c.arcs.forEach((p, k) => push(term(c.coef[k]!, `x${p}`)));
    flush();
    if (c.lower !== undefined && c.upper !== undefined) {
      out.push(`  >= ${c.lower}`);
      out.push(` s${s}u:`);
      c.arcs.forEach((p, k) => push(term(c.coef[k]!, `x${p}`)));
      flush();
      out.push(`  <= ${c.upper}`);
    } else if (c.lower !== undefined) out.push(`  >= ${c.lower}`);
    else out.push(`  <= ${c.upper ?? 0}`);
  });
  if (minMatched !== null && minMatched > 0) {
    out.push(' count:');
    for (let i = 0; i < n; i++) if (live(i)) for (let p = rowStart[i]!; p < rowStart[i + 1]!; p++) push(`+ x${p}`);
    flush();
    out.push(`  >= ${minMatched}`);
  }
  out.push('Bounds');
  for (const p of fixed) out.push(` x${p} = 1`);
  if (problem.slotCost) for (let q = 0; q < problem.slotCost.length; q++) out.push(` 0 <= y${q} <= 1`);
  if (!any) out.push(' zero = 0');
  out.push('Binary');
  for (let i = 0; i < n; i++) if (live(i)) for (let p = rowStart[i]!; p < rowStart[i + 1]!; p++) push(`x${p}`);
  flush();
  out.push('End');
  return out.join('\n');
}

function runOnce(highs: Highs, lp: string, timeLimit: number) {
  // Costs are integers, so an absolute gap below 1 proves the incumbent optimal.
  return highs.solve(lp, {
    output_flag: false,
    time_limit: timeLimit,
    mip_rel_gap: 0,
    mip_abs_gap: 0.5,
  });
}

export function solveMip(
  highs: Highs,
  problem: AssignmentProblem,
  side: readonly SideConstraint[],
  opts: MipOptions = {},
): MipResult {
  const t0 = performance.now();
  const limit = opts.timeLimitSeconds ?? 60;
  const fixed = opts.fixedArcs ?? [];
  let minMatched: number | null = null;
  if (opts.lexicographic) {
    const first = runOnce(highs, lpModel(problem, side, 'count', null, fixed), limit);
    if (first.Status !== 'Optimal') return failed(problem, first.Status, t0);
    minMatched = Math.round(-first.ObjectiveValue);
  }
  const res = runOnce(highs, lpModel(problem, side, 'score', minMatched, fixed), limit);
  if (res.Status !== 'Optimal') return failed(problem, res.Status, t0);
  const arcOf = new Int32Array(problem.nMentees).fill(-1);
  for (let i = 0; i < problem.nMentees; i++) {
    for (let p = problem.rowStart[i]!; p < problem.rowStart[i + 1]!; p++) {
      const col = res.Columns[`x${p}`];
      if (col && 'Primal' in col && col.Primal > 0.5) arcOf[i] = p;
    }
  }
  const feasibilityProblems = checkMipFeasibility(problem, side, arcOf);
  return {
    status: res.Status,
    optimal: feasibilityProblems.length === 0,
    arcOf,
    cost: assignmentCost(problem, arcOf),
    feasibilityProblems,
    ms: performance.now() - t0,
  };
}

function failed(problem: AssignmentProblem, status: string, t0: number): MipResult {
  return {
    status,
    optimal: false,
    arcOf: new Int32Array(problem.nMentees).fill(-1),
    cost: 0,
    feasibilityProblems: [`HiGHS status: ${status}`],
    ms: performance.now() - t0,
  };
}

/** Arc + slot cost of an assignment (slots filled in order, as the convex model implies). */
export function assignmentCost(problem: AssignmentProblem, arcOf: Int32Array): number {
  const off = slotOffsets(problem.capacity);
  const load = new Int32Array(problem.nMentors);
  let total = 0;
  for (let i = 0; i < problem.nMentees; i++) {
    const p = arcOf[i]!;
    if (p < 0) continue;
    const j = problem.mentor[p]!;
    total += problem.cost[p]!;
    if (problem.slotCost && load[j]! < problem.capacity[j]!) total += problem.slotCost[off[j]! + load[j]!]!;
    load[j]! += 1;
  }
  return total;
}

/** Our own check of HiGHS's answer: we do not report a result we have not verified as feasible. */
export function checkMipFeasibility(problem: AssignmentProblem, side: readonly SideConstraint[], arcOf: Int32Array): string[] {
  const problems: string[] = [];
  const load = new Int32Array(problem.nMentors);
  const x = new Uint8Array(problem.mentor.length);
  for (let i = 0; i < problem.nMentees; i++) {
    const p = arcOf[i]!;
    if (p < 0) continue;
    if (p < problem.rowStart[i]! || p >= problem.rowStart[i + 1]!) problems.push(`mentee ${i}: arc ${p} not allowed`);
    else {
      x[p] = 1;
      load[problem.mentor[p]!]! += 1;
    }
  }
  for (let j = 0; j < problem.nMentors; j++) {
    if (load[j]! > problem.capacity[j]!) problems.push(`mentor ${j}: ${load[j]} > capacity ${problem.capacity[j]}`);
  }
  for (const c of side) {
    let v = 0;
    c.arcs.forEach((p, k) => (v += x[p]! * c.coef[k]!));
    if (c.lower !== undefined && v < c.lower - 1e-6) problems.push(`${c.name}: ${v} < ${c.lower}`);
    if (c.upper !== undefined && v > c.upper + 1e-6) problems.push(`${c.name}: ${v} > ${c.upper}`);
  }
  return problems;
}
