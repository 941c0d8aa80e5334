/**
 * The successive-shortest-paths solver (the exact reference method, and the repair step after the
 * certificate pulls in pruned arcs): greedy start, insertion by Dijkstra, and re-pricing after a
 * candidate graph grows. The state it keeps between graphs, and its bookkeeping, is in
 * flow-state.ts, so that this file reads as the algorithm.
 */
import { checkCancelled } from './errors';
import { FlowState } from './flow-state';

/**
 * Successive shortest paths with potentials for the transportation problem in `problem.ts`.
 *
 * Mentees are inserted one at a time (Jonker–Volgenant style). Each insertion runs Dijkstra over
 * mentors only: an assigned mentee is passed through at the distance of its mentor, because the arc
 * it uses is tight (zero reduced cost) — an invariant the potential update preserves. Leaving a
 * mentee unmatched is an arc to a virtual "dummy" mentor of unlimited capacity, so every insertion
 * succeeds and max-score / max-matched differ only in the dummy's cost. The search stops as soon as
 * the cheapest path to the sink is settled.
 *
 * Potentials are stored as mentor prices β_j (reduced cost of arc (i, j) is cost − β_j − α_i, with
 * α_i implied by the mentee's tight arc). The engine keeps its state between candidate graphs, so
 * when the certificate finds a pruned arc that matters, only the affected mentees are re-inserted.
 */
export class SspEngine extends FlowState {
  /**
   * Greedy start on an empty assignment. Assigning mentee i to its cheapest option j keeps every
   * optimality condition if j has a free slot: the slot's marginal cost may require a higher price
   * for j (β_j lower by Δ), which is fine as long as i and every mentee already at j still prefer j
   * after paying Δ more. `second[i]` is a lower bound on i's second-best option (prices only rise).
   * Returns the mentees left for Dijkstra, strongest first.
   */
  greedy(): number[] {
    const { g, beta, load, cap, D } = this;
    const second = new Float64Array(this.n);
    const pendingList: number[] = [];
    const key = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      if (this.mentorOf[i] === -2) continue;
      let best = D;
      let next = D;
      let bestQ = -1;
      for (let q = g.rowStart[i]!; q < g.rowStart[i + 1]!; q++) {
        const v = g.cost[q]! - beta[g.mentor[q]!]!;
        if (v < best) {
          next = best;
          best = v;
          bestQ = q;
        } else if (v < next) next = v;
      }
      if (bestQ < 0) {
        this.stats.greedy++;
        continue; // the dummy is (one of) the cheapest: stays unmatched, α_i = D
      }
      const j = g.mentor[bestQ]!;
      const l = load[j]!;
      let ok = l < cap[j]!;
      let newBeta = beta[j]!;
      if (ok) {
        newBeta = Math.min(beta[j]!, -this.slotCostOf(j, l));
        const delta = beta[j]! - newBeta;
        if (delta > 0) {
          if (best + delta > next) ok = false;
          const from = this.slotOff[j]!;
          for (let k = from; ok && k < from + l; k++) {
            const i2 = this.members[k]!;
            if (g.cost[this.candOf[i2]!]! - beta[j]! + delta > second[i2]!) ok = false;
          }
        }
      }
      if (!ok) {
        pendingList.push(i);
        this.pending[i] = 1;
        key[i] = best;
        continue;
      }
      beta[j] = newBeta;
      second[i] = next;
      this.attach(i, j, bestQ);
      this.stats.greedy++;
    }
    // Strongest mentees first; any order gives the same optimum.
    return pendingList.sort((a, b) => key[a]! - key[b]! || a - b);
  }

  /**
   * Makes prices valid again after new arcs appeared: each violator (a mentee with a new arc of
   * negative reduced cost) is taken out of the flow for re-insertion. If that leaves its mentor with
   * an empty slot priced above the slot's marginal cost, `fillOrReprice` either moves someone into
   * that slot along a cheapest path (when that improves the objective) or lowers the price just
   * enough. No other prices change, so the rest of the assignment stays optimal and untouched.
   */
  repair(violators: Iterable<number>): number[] {
    const out: number[] = [];
    const affected = new Set<number>();
    // All violators leave first: while any is still in the flow its negative arcs would break Dijkstra.
    for (const i of violators) {
      if (this.pending[i] || this.mentorOf[i] === -2) continue;
      this.pending[i] = 1;
      out.push(i);
      const j0 = this.mentorOf[i]!;
      if (j0 < 0) continue;
      this.detach(i);
      affected.add(j0);
    }
    for (const j0 of [...affected].sort((a, b) => a - b)) {
      while (this.fillOrReprice(j0)) {
        // a slot was filled: the next empty slot may still carry a premium
      }
    }
    this.stats.repaired += out.length;
    const { g, beta } = this;
    const key = new Float64Array(this.n);
    for (const i of out) {
      let best = this.D;
      for (let q = g.rowStart[i]!; q < g.rowStart[i + 1]!; q++) best = Math.min(best, g.cost[q]! - beta[g.mentor[q]!]!);
      key[i] = best;
    }
    return out.sort((a, b) => key[a]! - key[b]! || a - b);
  }

  /**
   * Mentor j0 just lost a mentee. If its now-empty slot has negative reduced cost (the price is a
   * premium an empty slot cannot carry), search shortest paths from the sink: "a mentor gives up
   * its last slot" or "an unmatched mentee joins", then moves along tight arcs to j0. A path shorter
   * than the premium is a negative cycle: augment it. Otherwise the premium is removed by the
   * standard potential update, capped at the premium.
   */
  private fillOrReprice(j0: number): boolean {
    const { g, beta, load, D, dist, heap, predArc, members, slotOff, candOf } = this;
    if (load[j0]! >= this.cap[j0]!) return false;
    const delta = -(this.slotCostOf(j0, load[j0]!) + beta[j0]!);
    if (!(delta > 0)) return false;
    const m = this.m;
    const mentees = this.n;
    const reached = new Int32Array(mentees).fill(0);
    const settledList: number[] = [];
    // From the sink: every mentor with a used slot, at the reduced cost of giving its last slot up.
    for (let j = 0; j < m; j++) {
      if (load[j]! === 0) continue;
      dist[j] = -this.slotCostOf(j, load[j]! - 1) - beta[j]!;
      predArc[j] = -1;
      heap.pushOrDecrease(j);
    }
    // ... and every unmatched mentee (through the dummy, at distance 0).
    const relaxFrom = (i: number, off: number, skip: number) => {
      reached[i] = 1;
      this.stats.scans++;
      for (let q = g.rowStart[i]!, qe = g.rowStart[i + 1]!; q < qe; q++) {
        if (q === skip) continue;
        const j2 = g.mentor[q]!;
        const d = off + g.cost[q]! - beta[j2]!;
        if (d < dist[j2]!) {
          dist[j2] = d;
          predArc[j2] = q;
          heap.pushOrDecrease(j2);
        }
      }
    };
    for (let i = 0; i < mentees; i++) {
      if (this.mentorOf[i] === -1 && !this.pending[i]) relaxFrom(i, -D, -1);
    }
    let found = false;
    while (heap.length > 0) {
      const dj = heap.peekKey();
      if (dj >= delta) break;
      const j = heap.pop();
      settledList.push(j);
      if (j === j0) {
        found = true;
        break;
      }
      const bj = beta[j]!;
      for (let k = slotOff[j]!; k < slotOff[j]! + load[j]!; k++) {
        const i = members[k]!;
        if (reached[i]) continue;
        const own = candOf[i]!;
        relaxFrom(i, dj - g.cost[own]! + bj, own);
      }
    }
    const bound = found ? dist[j0]! : delta;
    // Potentials pi += min(dist, bound); the sink, the dummy and unmatched mentees sit at distance 0.
    for (let j = 0; j < m; j++) beta[j]! += Math.min(dist[j]!, bound);
    this.refreshBetaMax();
    if (found) {
      let cur = j0;
      let steps = 0;
      while (cur >= 0) {
        if (++steps > this.n + 1) throw new Error('internal error: cycle in repair path');
        const q = predArc[cur]!;
        if (q < 0) break; // this mentor gave up its slot: the chain starts here
        const i = this.rowOf[q]!;
        const prev = this.mentorOf[i]!;
        if (prev >= 0) this.detach(i);
        this.attach(i, cur, q);
        cur = prev;
      }
      this.stats.augmentations++;
    }
    dist.fill(Infinity);
    heap.clear();
    return found;
  }

  /** Inserts pending mentees one by one along shortest augmenting paths. */
  insert(list: readonly number[]): void {
    const { g, beta, load, cap, D, dist, heap, predArc, touched, settled, members, slotOff } = this;
    const gRow = g.rowStart;
    const gMentor = g.mentor;
    const gCost = g.cost;
    const candOf = this.candOf;
    for (let t = 0; t < list.length; t++) {
      if ((t & 63) === 0) {
        checkCancelled(this.opts.signal);
        this.opts.onProgress?.({ phase: 'solving', done: t, total: list.length });
      }
      const i0 = list[t]!;
      this.pending[i0] = 0;
      let nTouched = 0;
      let nSettled = 0;
      // Best known distance to the sink, and how: mentor with a free slot (>= 0) or dummy via mentee (−1 − i).
      let dT = D;
      let via = -1 - i0;

      const betaMax = this.betaMax; // prices only rise during insertions, so this stays a bound
      // Source mentee: its potential is taken as 0, so first-arc distances are plain c − β.
      for (let q = gRow[i0]!; q < gRow[i0 + 1]!; q++) {
        if (gCost[q]! - betaMax >= dT) break;
        const j = gMentor[q]!;
        const d = gCost[q]! - beta[j]!;
        if (d < dist[j]!) {
          if (dist[j] === Infinity) touched[nTouched++] = j;
          dist[j] = d;
          predArc[j] = q;
          heap.pushOrDecrease(j);
        }
      }
      this.stats.scans++;

      while (heap.length > 0) {
        const dj = heap.peekKey();
        if (dj >= dT) break;
        const j = heap.pop();
        this.stats.pops++;
        settled[nSettled++] = j;
        const l = load[j]!;
        const bj = beta[j]!;
        if (l < cap[j]!) {
          const viaSlot = dj + this.slotCostOf(j, l) + bj;
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
          this.stats.scans++;
          if (off + D < dT) {
            dT = off + D;
            via = -1 - i;
          }
          for (let q = gRow[i]!, qe = gRow[i + 1]!; q < qe; q++) {
            if (off + gCost[q]! - betaMax >= dT) break;
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
      if (via >= 0) cur = via;
      else {
        const iLast = -1 - via;
        if (iLast === i0) cur = -1;
        else {
          cur = this.mentorOf[iLast]!;
          this.detach(iLast);
        }
      }
      let steps = 0;
      while (cur >= 0) {
        if (++steps > this.n + 1) throw new Error('internal error: cycle in augmenting path');
        const q = predArc[cur]!;
        const i = this.rowOf[q]!;
        const prev = this.mentorOf[i]!;
        if (prev >= 0) this.detach(i);
        this.attach(i, cur, q);
        cur = i === i0 ? -1 : prev;
      }
      for (let k = 0; k < nTouched; k++) dist[touched[k]!] = Infinity;
      heap.clear();
      this.stats.augmentations++;
    }
    this.opts.onProgress?.({ phase: 'solving', done: list.length, total: list.length });
  }
}
