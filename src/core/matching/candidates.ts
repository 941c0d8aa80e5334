/**
 * Candidate graphs: the pruned subsets of the full problem's arcs that the solvers work on, how
 * they are selected and built (and rebuilt as the certificate pulls in arcs), and how arcs map
 * between a candidate graph and the full problem. The CandidateGraph type lives here, with its
 * builders, so that the solvers (flow.ts, auction.ts, exact-prices.ts) all depend on this module
 * and not it on them.
 */
import { slotOffsets, type AssignmentProblem } from './problem';

/** The arcs the shortest-path solver actually looks at (all, or a pruned subset). */
export interface CandidateGraph {
  /** CSR over mentees; within a row arcs are sorted by cost (ties: mentor index). */
  readonly rowStart: Int32Array;
  readonly mentor: Int32Array;
  readonly cost: Float64Array;
  /** Index of the arc in the full problem. */
  readonly orig: Int32Array;
}

/**
 * Candidate pruning: the solvers first work on a few promising arcs per mentee and per mentor; the
 * certificate then checks every allowed arc and pulls in any pruned arc that matters. So the
 * selection only affects speed, never the answer (it only has to be deterministic).
 *
 * One pass over all arcs keeps bounded max-heaps of keys: per mentee its k arcs of lowest cost at
 * the starting prices (a mentor's first-slot bonus counts), and per mentor its mentorK arcs of
 * lowest cost (so an unpopular mentor stays reachable by the mentees who fit it best). An arc only
 * enters a full heap with a strictly lower key, so among equal keys the earlier arc stays. Mentors
 * without capacity are skipped.
 */
export function selectCandidates(problem: AssignmentProblem, k: number, mentorK: number): Uint8Array {
  const { nMentees: n, nMentors: m, rowStart, mentor, cost, capacity, present } = problem;
  const include = new Uint8Array(mentor.length);
  const off = slotOffsets(capacity);
  // Start price per mentor; −Infinity for mentors without capacity, so their arcs' keys are +Infinity.
  const startPrice = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    if (capacity[j]! <= 0) startPrice[j] = -Infinity;
    else if (problem.slotCost) startPrice[j] = -problem.slotCost[off[j]!]!;
  }
  const rowArc = new Int32Array(k);
  const rowKey = new Float64Array(k);
  const colArc = new Int32Array(m * mentorK);
  const colKey = new Float64Array(m * mentorK);
  const colSize = new Int32Array(m);
  // The largest key a mentor's heap holds once full (−Infinity for mentors without capacity):
  // most arcs are rejected by this one comparison.
  const colTop = new Float64Array(m);
  for (let j = 0; j < m; j++) colTop[j] = capacity[j]! > 0 ? Infinity : -Infinity;

  for (let i = 0; i < n; i++) {
    if (present && !present[i]) continue;
    let size = 0;
    for (let p = rowStart[i]!, pe = rowStart[i + 1]!; p < pe; p++) {
      const j = mentor[p]!;
      const c = cost[p]!;
      if (c < colTop[j]!) {
        const base = j * mentorK;
        const sz = colSize[j]!;
        if (sz < mentorK) {
          siftUp(colArc, colKey, base, sz, p, c);
          colSize[j] = sz + 1;
          if (sz + 1 === mentorK) colTop[j] = colKey[base]!;
        } else {
          siftDownFromTop(colArc, colKey, base, mentorK, p, c);
          colTop[j] = colKey[base]!;
        }
      }
      const key = c - startPrice[j]!;
      if (size < k) {
        if (key === Infinity) continue;
        siftUp(rowArc, rowKey, 0, size++, p, key);
      } else if (key < rowKey[0]!) siftDownFromTop(rowArc, rowKey, 0, k, p, key);
    }
    for (let h = 0; h < size; h++) include[rowArc[h]!] = 1;
  }
  for (let j = 0; j < m; j++) {
    const base = j * mentorK;
    for (let h = 0; h < colSize[j]!; h++) include[colArc[base + h]!] = 1;
  }
  return include;
}

/** Adds (arc, key) to the max-heap in arcs/keys[base .. base + size). */
function siftUp(arcs: Int32Array, keys: Float64Array, base: number, size: number, arc: number, key: number): void {
  let at = size;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const pk = keys[base + parent]!;
    if (pk >= key) break;
    arcs[base + at] = arcs[base + parent]!;
    keys[base + at] = pk;
    at = parent;
  }
  arcs[base + at] = arc;
  keys[base + at] = key;
}

/** Replaces the maximum of a full max-heap with (arc, key). */
function siftDownFromTop(arcs: Int32Array, keys: Float64Array, base: number, size: number, arc: number, key: number): void {
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    let ck = keys[base + child]!;
    if (child + 1 < size) {
      const rk = keys[base + child + 1]!;
      if (rk > ck) {
        child++;
        ck = rk;
      }
    }
    if (ck <= key) break;
    arcs[base + at] = arcs[base + child]!;
    keys[base + at] = ck;
    at = child;
  }
  arcs[base + at] = arc;
  keys[base + at] = key;
}

/**
 * Candidate arcs in CSR form. With `sortByCost` each row is sorted by cost (ties: arc order), which
 * lets the shortest-path search stop scanning a mentee once no remaining arc can beat the best
 * path; the auction needs no order and keeps the original (mentor) order.
 */
export function buildCandidates(problem: AssignmentProblem, include: Uint8Array, sortByCost: boolean): CandidateGraph {
  if (sortByCost) return rebuildRows(problem, include, null, new Set(), true);
  // Unsorted rows keep the full problem's order: two passes over the mask, no per-row arrays.
  const n = problem.nMentees;
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let p = problem.rowStart[i]!, pe = problem.rowStart[i + 1]!; p < pe; p++) count += include[p]!;
    rowStart[i + 1] = rowStart[i]! + count;
  }
  const total = rowStart[n]!;
  const mentor = new Int32Array(total);
  const cost = new Float64Array(total);
  const orig = new Int32Array(total);
  let q = 0;
  for (let p = 0; p < include.length; p++) {
    if (!include[p]) continue;
    mentor[q] = problem.mentor[p]!;
    cost[q] = problem.cost[p]!;
    orig[q] = p;
    q++;
  }
  return { rowStart, mentor, cost, orig };
}

/** Like buildCandidates, but only rows in `changed` (all rows without `prev`) are re-gathered; the others are copied from `prev`. */
export function rebuildRows(
  problem: AssignmentProblem,
  include: Uint8Array,
  prev: CandidateGraph | null,
  changed: ReadonlySet<number>,
  sortByCost: boolean,
): CandidateGraph {
  const n = problem.nMentees;
  const rows = new Map<number, number[]>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!prev || changed.has(i)) {
      const row: number[] = [];
      for (let p = problem.rowStart[i]!; p < problem.rowStart[i + 1]!; p++) if (include[p]) row.push(p);
      if (sortByCost) row.sort((a, b) => problem.cost[a]! - problem.cost[b]! || a - b);
      rows.set(i, row);
      total += row.length;
    } else total += prev.rowStart[i + 1]! - prev.rowStart[i]!;
  }
  const rowStart = new Int32Array(n + 1);
  const mentor = new Int32Array(total);
  const cost = new Float64Array(total);
  const orig = new Int32Array(total);
  let q = 0;
  for (let i = 0; i < n; i++) {
    const row = rows.get(i);
    if (row) {
      for (const p of row) {
        mentor[q] = problem.mentor[p]!;
        cost[q] = problem.cost[p]!;
        orig[q] = p;
        q++;
      }
    } else if (prev) {
      const lo = prev.rowStart[i]!;
      const hi = prev.rowStart[i + 1]!;
      mentor.set(prev.mentor.subarray(lo, hi), q);
      cost.set(prev.cost.subarray(lo, hi), q);
      orig.set(prev.orig.subarray(lo, hi), q);
      q += hi - lo;
    }
    rowStart[i + 1] = q;
  }
  return { rowStart, mentor, cost, orig };
}

/** The mentee an arc of the full problem belongs to. */
export function rowOfArc(problem: AssignmentProblem, p: number): number {
  let lo = 0;
  let hi = problem.nMentees - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (problem.rowStart[mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Candidate arc per mentee for an assignment given in full-problem arcs (−1 stays −1). */
export function toCandidateArcs(g: CandidateGraph, arcOf: Int32Array): Int32Array {
  const out = new Int32Array(arcOf.length).fill(-1);
  for (let i = 0; i < arcOf.length; i++) {
    const p = arcOf[i]!;
    if (p < 0) continue;
    for (let q = g.rowStart[i]!; q < g.rowStart[i + 1]!; q++) {
      if (g.orig[q] === p) {
        out[i] = q;
        break;
      }
    }
    if (out[i]! < 0) throw new Error('internal error: candidate graph lost an assigned arc');
  }
  return out;
}
