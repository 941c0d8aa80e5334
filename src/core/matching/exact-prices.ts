import type { CandidateGraph } from './candidates';
import { slotOffsets, type AssignmentProblem } from './problem';

export interface ExactPricesStats {
  /** Nodes taken from the queue (mentors and the sink). */
  pops: number;
}

/**
 * Exact integer mentor prices β for a given assignment on a candidate graph, or null when none
 * exist (the assignment is not optimal on that graph).
 *
 * Optimality conditions with mentor prices are difference constraints between mentors and the
 * sink T (price 0, which is also where unmatched mentees go):
 *   a mentee at u with an arc to v:  β_v ≤ β_u + cost(v) − cost(u)   (it must not prefer v)
 *   a mentee at u:                   β_T ≤ β_u + D − cost(u)          (nor being unmatched)
 *   an unmatched mentee's arc to v:  β_v ≤ β_T + cost(v) − D
 *   u with an empty slot k:          β_T ≤ β_u + slotCost(u, k)
 *   u using slot k − 1:              β_u ≤ β_T − slotCost(u, k − 1)
 * Feasible potentials are shortest-path distances in that constraint graph; a label-correcting
 * search (queue-based Bellman–Ford) from near-feasible starting prices only touches the few
 * constraints the start violates. A negative cycle, i.e. a better assignment, shows up as a label
 * whose path has more edges than there are nodes.
 */
export function exactPrices(
  problem: AssignmentProblem,
  g: CandidateGraph,
  arc: Int32Array,
  start: Float64Array,
  stats: ExactPricesStats = { pops: 0 },
): Float64Array | null {
  const n = problem.nMentees;
  const m = problem.nMentors;
  const T = m;
  const D = problem.unmatchedCost;
  const cap = problem.capacity;
  const off = slotOffsets(cap);
  const slot = (j: number, k: number) => (problem.slotCost ? problem.slotCost[off[j]! + k]! : 0);
  const { rowStart, mentor, cost } = g;

  // Mentees per mentor (CSR) and the unmatched ones.
  const load = new Int32Array(m);
  const unmatched: number[] = [];
  for (let i = 0; i < n; i++) {
    if (problem.present && !problem.present[i]) continue;
    const q = arc[i]!;
    if (q >= 0) load[mentor[q]!]! += 1;
    else unmatched.push(i);
  }
  const memberStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) memberStart[j + 1] = memberStart[j]! + load[j]!;
  const members = new Int32Array(memberStart[m]!);
  const fill = memberStart.slice(0, m);
  for (let i = 0; i < n; i++) {
    const q = arc[i]!;
    if (q >= 0 && (!problem.present || problem.present[i])) members[fill[mentor[q]!]!++] = i;
  }

  const label = new Float64Array(m + 1);
  // Any finite start works (labels only go down as constraints require); a mentor without slots
  // has no auction price, and 0 is as good a start as any.
  for (let j = 0; j < m; j++) label[j] = Number.isFinite(start[j]) ? Math.round(start[j]!) : 0;
  label[T] = 0;
  const queued = new Uint8Array(m + 1).fill(1);
  // Edges on each label's path from the (virtual) start: a path of more edges than nodes repeats a
  // node, i.e. a negative cycle.
  const pathEdges = new Int32Array(m + 1);
  const queue = new Int32Array(m + 2);
  let head = 0;
  let tail = 0;
  let size = 0;
  for (let v = 0; v <= m; v++) {
    queue[tail++] = v;
    size++;
  }
  if (tail === queue.length) tail = 0;
  let cycle = false;
  let from = 0;
  const lower = (v: number, to: number) => {
    if (!(to < label[v]!)) return;
    label[v] = to;
    pathEdges[v] = pathEdges[from]! + 1;
    if (pathEdges[v]! > m + 1) cycle = true;
    if (!queued[v]) {
      queued[v] = 1;
      queue[tail] = v;
      tail = tail + 1 === queue.length ? 0 : tail + 1;
      size++;
    }
  };
  while (size > 0 && !cycle) {
    const u = queue[head]!;
    head = head + 1 === queue.length ? 0 : head + 1;
    size--;
    queued[u] = 0;
    stats.pops++;
    from = u;
    const lu = label[u]!;
    if (u === T) {
      for (const i of unmatched) {
        for (let q = rowStart[i]!; q < rowStart[i + 1]!; q++) lower(mentor[q]!, lu + cost[q]! - D);
      }
      for (let j = 0; j < m; j++) if (load[j]! > 0) lower(j, lu - slot(j, load[j]! - 1));
      continue;
    }
    for (let k = memberStart[u]!; k < memberStart[u + 1]!; k++) {
      const i = members[k]!;
      const own = cost[arc[i]!]!;
      lower(T, lu + D - own);
      for (let q = rowStart[i]!; q < rowStart[i + 1]!; q++) {
        const v = mentor[q]!;
        if (v !== u) lower(v, lu + cost[q]! - own);
      }
    }
    if (load[u]! < cap[u]!) lower(T, lu + slot(u, load[u]!));
  }
  if (cycle) return null;
  const beta = new Float64Array(m);
  for (let j = 0; j < m; j++) beta[j] = label[j]! - label[T]!;
  return beta;
}
