import { checkCancelled, type ProgressFn } from './errors';
import { IndexedHeap } from './heap';
import { slotOffsets, type AssignmentProblem } from './problem';

/** The arcs the shortest-path solver actually looks at (all, or a pruned subset). */
export interface CandidateGraph {
  readonly rowStart: Int32Array;
  readonly mentor: Int32Array;
  readonly cost: Float64Array;
  /** Index of the arc in the full problem. */
  readonly orig: Int32Array;
}

export interface SspState {
  /** Mentor per mentee; −1 = unmatched, −2 = not part of the problem. */
  readonly mentorOf: Int32Array;
  /** Full-problem arc used per mentee, −1 if none. */
  readonly arcOf: Int32Array;
  readonly load: Int32Array;
  /** Dual price β_j per mentor (flow potential). Reduced cost of arc (i, j) is cost − β_j − α_i. */
  readonly beta: Float64Array;
  readonly stats: { greedy: number; augmentations: number; pops: number; scans: number };
}

export interface SspOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ProgressFn | undefined;
}

/**
 * Successive shortest paths with potentials for the transportation problem in `problem.ts`.
 *
 * Mentees are inserted one at a time (Jonker–Volgenant style). Each insertion runs Dijkstra over
 * mentors only: an assigned mentee is passed through at the distance of its mentor, because the arc
 * it uses is tight (zero reduced cost) — an invariant the potential update preserves. Leaving a
 * mentee unmatched is an arc to a virtual "dummy" mentor of unlimited capacity, so every insertion
 * succeeds and max-score / max-matched differ only in the dummy's cost. The search stops as soon as
 * the cheapest path to the sink is settled, so late insertions touch only a small region.
 */
export function runSsp(problem: AssignmentProblem, g: CandidateGraph, opts: SspOptions = {}): SspState {
  const n = problem.nMentees;
  const m = problem.nMentors;
  const cap = problem.capacity;
  const D = problem.unmatchedCost;
  const slotOff = slotOffsets(cap);
  const slot = problem.slotCost;
  const slotCostOf = (j: number, k: number): number => (slot ? slot[slotOff[j]! + k]! : 0);

  const mentorOf = new Int32Array(n).fill(-1);
  const candOf = new Int32Array(n).fill(-1); // candidate arc index per mentee
  const load = new Int32Array(m);
  const beta = new Float64Array(m);
  // Mentees assigned to mentor j live in members[slotOff[j] .. slotOff[j] + load[j]).
  const members = new Int32Array(slotOff[m]!);
  const posInMentor = new Int32Array(n);
  const rowOf = new Int32Array(g.mentor.length);
  for (let i = 0; i < n; i++) for (let q = g.rowStart[i]!; q < g.rowStart[i + 1]!; q++) rowOf[q] = i;

  // A mentor's first slot is priced at its marginal bonus: the highest price that still leaves
  // every empty slot with a non-negative reduced cost.
  for (let j = 0; j < m; j++) beta[j] = cap[j]! > 0 ? -slotCostOf(j, 0) : 0;

  const attach = (i: number, j: number, q: number) => {
    mentorOf[i] = j;
    candOf[i] = q;
    const at = slotOff[j]! + load[j]!;
    members[at] = i;
    posInMentor[i] = at;
    load[j]! += 1;
  };
  const detach = (i: number) => {
    const j = mentorOf[i]!;
    const lastAt = slotOff[j]! + load[j]! - 1;
    const last = members[lastAt]!;
    const at = posInMentor[i]!;
    members[at] = last;
    posInMentor[last] = at;
    load[j]! -= 1;
    mentorOf[i] = -1;
    candOf[i] = -1;
  };

  const stats = { greedy: 0, augmentations: 0, pops: 0, scans: 0 };
  const pending: number[] = [];
  const gRow = g.rowStart;
  const gMentor = g.mentor;
  const gCost = g.cost;

  // Greedy start. Assigning mentee i to its cheapest option j keeps every optimality condition if
  // j has a free slot: the slot's marginal cost may require a higher price for j (lower β_j by Δ),
  // which is fine as long as i and every mentee already at j still prefer j after paying Δ more.
  // `second[i]` is a lower bound on i's second-best option (prices only rise, so it stays valid).
  const second = new Float64Array(n);
  const pendingKey = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (problem.present && !problem.present[i]) {
      mentorOf[i] = -2;
      continue;
    }
    let best = D;
    let next = D;
    let bestQ = -1;
    for (let q = gRow[i]!; q < gRow[i + 1]!; q++) {
      const v = gCost[q]! - beta[gMentor[q]!]!;
      if (v < best) {
        next = best;
        best = v;
        bestQ = q;
      } else if (v < next) next = v;
    }
    if (bestQ < 0) {
      stats.greedy++;
      continue; // the dummy is (one of) the cheapest: stays unmatched, α_i = D
    }
    const j = gMentor[bestQ]!;
    const l = load[j]!;
    let ok = l < cap[j]!;
    let newBeta = beta[j]!;
    if (ok) {
      newBeta = Math.min(beta[j]!, -slotCostOf(j, l));
      const delta = beta[j]! - newBeta;
      if (delta > 0) {
        if (best + delta > next) ok = false;
        const from = slotOff[j]!;
        for (let k = from; ok && k < from + l; k++) {
          const i2 = members[k]!;
          if (gCost[candOf[i2]!]! - beta[j]! + delta > second[i2]!) ok = false;
        }
      }
    }
    if (!ok) {
      pending.push(i);
      pendingKey[i] = best;
      continue;
    }
    beta[j] = newBeta;
    second[i] = next;
    attach(i, j, bestQ);
    stats.greedy++;
  }

  // Strongest mentees first: late insertions then belong to mentees with few attractive options,
  // whose searches stay small. (Any order gives the same optimum; this one is much cheaper.)
  pending.sort((a, b) => pendingKey[a]! - pendingKey[b]! || a - b);

  const dist = new Float64Array(m).fill(Infinity);
  const heap = new IndexedHeap(m, dist);
  const predArc = new Int32Array(m);
  const touched = new Int32Array(m);
  const settled = new Int32Array(m);

  for (let t = 0; t < pending.length; t++) {
    if ((t & 63) === 0) {
      checkCancelled(opts.signal);
      opts.onProgress?.({ phase: 'solving', done: t, total: pending.length });
    }
    const i0 = pending[t]!;
    let nTouched = 0;
    let nSettled = 0;
    // Best known distance to the sink, and how: mentor with a free slot (>= 0) or dummy via mentee (−1 − i).
    let dT = D;
    let via = -1 - i0;

    // Source mentee: its potential is taken as 0, so first-arc distances are plain c − β.
    for (let q = gRow[i0]!; q < gRow[i0 + 1]!; q++) {
      const j = gMentor[q]!;
      const d = gCost[q]! - beta[j]!;
      if (d < dist[j]!) {
        if (dist[j] === Infinity) touched[nTouched++] = j;
        dist[j] = d;
        predArc[j] = q;
        heap.pushOrDecrease(j);
      }
    }
    stats.scans++;

    while (heap.length > 0) {
      const dj = heap.peekKey();
      if (dj >= dT) break;
      const j = heap.pop();
      stats.pops++;
      settled[nSettled++] = j;
      const l = load[j]!;
      const bj = beta[j]!;
      if (l < cap[j]!) {
        const viaSlot = dj + slotCostOf(j, l) + bj;
        if (viaSlot < dT) {
          dT = viaSlot;
          via = j;
        }
      }
      const from = slotOff[j]!;
      for (let k = from; k < from + l; k++) {
        // Each assigned mentee is reached only through its own mentor, so it is scanned at most once.
        const i = members[k]!;
        const own = candOf[i]!;
        // Tight arc: α_i = cost(i, j) − β_j, so the mentee sits at the mentor's distance; off = dj − α_i.
        const off = dj - gCost[own]! + bj;
        stats.scans++;
        if (off + D < dT) {
          dT = off + D;
          via = -1 - i;
        }
        for (let q = gRow[i]!, qe = gRow[i + 1]!; q < qe; q++) {
          if (q === own) continue;
          const j2 = gMentor[q]!;
          const d = off + gCost[q]! - beta[j2]!;
          if (d < dist[j2]!) {
            if (dist[j2] === Infinity) touched[nTouched++] = j2;
            dist[j2] = d;
            predArc[j2] = q;
            heap.pushOrDecrease(j2);
          }
        }
      }
    }

    // Potentials: settled mentors (closer than the sink) get dearer by their slack to the sink.
    for (let k = 0; k < nSettled; k++) {
      const j = settled[k]!;
      beta[j]! -= dT - dist[j]!;
    }
    // Augment along the predecessor chain, walking back from the sink side.
    let cur: number;
    if (via >= 0) {
      cur = via;
    } else {
      const iLast = -1 - via;
      if (iLast === i0) cur = -1;
      else {
        cur = mentorOf[iLast]!;
        detach(iLast);
      }
    }
    while (cur >= 0) {
      const q = predArc[cur]!;
      const i = rowOf[q]!;
      const prev = mentorOf[i]!;
      if (prev >= 0) detach(i);
      attach(i, cur, q);
      cur = i === i0 ? -1 : prev;
    }
    for (let k = 0; k < nTouched; k++) dist[touched[k]!] = Infinity;
    heap.clear();
    stats.augmentations++;

  }
  opts.onProgress?.({ phase: 'solving', done: pending.length, total: pending.length });

  const arcOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (candOf[i]! >= 0) arcOf[i] = g.orig[candOf[i]!]!;
  return { mentorOf, arcOf, load, beta, stats };
}
