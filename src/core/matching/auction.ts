import { checkCancelled, type ProgressFn } from './errors';
import type { CandidateGraph } from './candidates';
import { slotOffsets, type AssignmentProblem } from './problem';

export interface AuctionOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ProgressFn | undefined;
}

export interface AuctionStats {
  phases: number;
  forwardBids: number;
  reverseBids: number;
}

/** Scaled values must stay exact integers in float64, with room for price increments. */
const EXACT_LIMIT = 2 ** 51;
/** ε shrinks by this factor per phase (measured on generated cohorts: 4–8 alike, 3 or 12+ slower). */
const EPSILON_FACTOR = 6;

/**
 * ε-scaling auction (Bertsekas) for the transportation problem in `problem.ts`, on a candidate graph.
 *
 * Objects are mentor slots, each with its own price; a mentee pays arc cost + slot cost + price,
 * or the unmatched cost at a fixed price of 0. Costs are multiplied by F = (mentees + 1) so that the
 * last phase's ε = 1 is below 1/N in original units, where ε-complementary slackness implies an
 * optimal assignment for integer costs. Forward bids (a mentee outbids the holder of its best slot
 * by the gap to its second-best option plus ε) only raise prices. Because slots may stay empty, a
 * slot left empty with a positive price bids in reverse (lowers its price to attract the mentee that
 * gains most, or to 0), so that at the end every empty slot is priced 0, as the LP dual requires.
 *
 * The result is a warm start: the caller turns it into exact integer prices, and the certificate
 * proves optimality independently.
 */
export class Auction {
  readonly stats: AuctionStats = { phases: 0, forwardBids: 0, reverseBids: 0 };
  /** Candidate arc per mentee; −1 = unmatched or not present. */
  readonly arc: Int32Array;
  private readonly n: number;
  private readonly m: number;
  private readonly F: number;
  private readonly D: number;
  private readonly a: Float64Array;
  private readonly slotOff: Int32Array;
  private readonly slotBase: Float64Array;
  /** Effective slot price: slot cost + price (price ≥ 0), scaled. */
  private readonly eff: Float64Array;
  private readonly owner: Int32Array;
  private readonly slotMentor: Int32Array;
  private readonly slotOf: Int32Array;
  // Per mentor its cheapest slot and the two lowest effective prices, kept by a scan of its slots
  // after each price change (mentors have few slots; capacity is clamped to a mentor's degree).
  private readonly bestSlot: Int32Array;
  private readonly best: Float64Array;
  private readonly next: Float64Array;
  /** What each assigned or unmatched mentee pays now (scaled): its arc and slot, or the unmatched cost. */
  private readonly pay: Float64Array;
  // Columns (mentor → arcs) stored contiguously for reverse bids: arc, mentee and scaled cost.
  private readonly colStart: Int32Array;
  private readonly colArc: Int32Array;
  private readonly colMentee: Int32Array;
  private readonly colA: Float64Array;
  private readonly queue: Int32Array;
  /** 1 while a mentee is in the queue (unassigned, about to bid). */
  private readonly waiting: Uint8Array;
  private qHead = 0;
  private qTail = 0;
  private qSize = 0;
  private readonly stranded: number[] = [];

  /** Null when scaled costs would not be exact in float64 (the caller then solves without it). */
  static create(problem: AssignmentProblem, g: CandidateGraph, opts: AuctionOptions = {}): Auction | null {
    let live = 0;
    for (let i = 0; i < problem.nMentees; i++) if (!problem.present || problem.present[i]) live++;
    let maxAbs = Math.abs(problem.unmatchedCost);
    for (let q = 0; q < g.cost.length; q++) maxAbs = Math.max(maxAbs, Math.abs(g.cost[q]!));
    if (problem.slotCost) for (let s = 0; s < problem.slotCost.length; s++) maxAbs = Math.max(maxAbs, 2 * Math.abs(problem.slotCost[s]!));
    if (!((4 * maxAbs + 4) * (live + 1) < EXACT_LIMIT)) return null;
    return new Auction(problem, g, live + 1, opts);
  }

  private constructor(
    private readonly problem: AssignmentProblem,
    private readonly g: CandidateGraph,
    F: number,
    private readonly opts: AuctionOptions,
  ) {
    const n = (this.n = problem.nMentees);
    const m = (this.m = problem.nMentors);
    this.F = F;
    this.D = problem.unmatchedCost * F;
    const E = g.mentor.length;
    this.a = new Float64Array(E);
    for (let q = 0; q < E; q++) this.a[q] = g.cost[q]! * F;
    const slotOff = (this.slotOff = slotOffsets(problem.capacity));
    const S = slotOff[m]!;
    this.slotBase = new Float64Array(S);
    if (problem.slotCost) for (let s = 0; s < S; s++) this.slotBase[s] = problem.slotCost[s]! * F;
    this.eff = this.slotBase.slice();
    this.owner = new Int32Array(S).fill(-1);
    this.slotMentor = new Int32Array(S);
    for (let j = 0; j < m; j++) this.slotMentor.fill(j, slotOff[j]!, slotOff[j + 1]!);
    this.slotOf = new Int32Array(n).fill(-1);
    this.arc = new Int32Array(n).fill(-1);
    this.bestSlot = new Int32Array(m).fill(-1);
    this.best = new Float64Array(m);
    this.next = new Float64Array(m);
    for (let j = 0; j < m; j++) this.refresh(j);
    this.pay = new Float64Array(n).fill(this.D);
    this.colStart = new Int32Array(m + 1);
    for (let q = 0; q < E; q++) this.colStart[g.mentor[q]! + 1]! += 1;
    for (let j = 0; j < m; j++) this.colStart[j + 1]! += this.colStart[j]!;
    this.colArc = new Int32Array(E);
    this.colMentee = new Int32Array(E);
    this.colA = new Float64Array(E);
    const fill = this.colStart.slice(0, m);
    for (let i = 0; i < n; i++) {
      for (let q = g.rowStart[i]!; q < g.rowStart[i + 1]!; q++) {
        const c = fill[g.mentor[q]!]!++;
        this.colArc[c] = q;
        this.colMentee[c] = i;
        this.colA[c] = this.a[q]!;
      }
    }
    this.queue = new Int32Array(n + 1);
    this.waiting = new Uint8Array(n);
  }

  /** ε-scaling from scratch: ε starts at a fraction of the largest cost and ends at 1. */
  solve(): void {
    let C = Math.abs(this.D);
    for (let q = 0; q < this.a.length; q++) C = Math.max(C, Math.abs(this.a[q]!));
    for (let s = 0; s < this.slotBase.length; s++) C = Math.max(C, Math.abs(this.slotBase[s]!));
    this.phases(Math.max(1, Math.floor(C / EPSILON_FACTOR)));
  }

  /**
   * Continues from exact prices `beta` (original units) and an assignment (`arc`: candidate arc per
   * mentee, −1 = unmatched) that is optimal except for `bidders`, who have gained arcs with negative
   * reduced cost: they leave their slots and bid again, ε starting at a sixth of their largest
   * violation (starting lower invites price wars, higher disturbs everyone else).
   */
  resume(arc: Int32Array, beta: Float64Array, bidders: readonly number[], violation: number): void {
    const { F, slotOff, eff, owner, slotBase } = this;
    const load = new Int32Array(this.m);
    for (let i = 0; i < this.n; i++) {
      const q = arc[i]!;
      if (q < 0) continue;
      const j = this.g.mentor[q]!;
      const s = slotOff[j]! + load[j]!++;
      owner[s] = i;
      this.slotOf[i] = s;
      this.arc[i] = q;
    }
    for (let i = 0; i < this.n; i++) if (arc[i]! >= 0) this.pay[i] = this.a[arc[i]!]! - beta[this.g.mentor[arc[i]!]!]! * F;
    for (let j = 0; j < this.m; j++) {
      for (let s = slotOff[j]!; s < slotOff[j + 1]!; s++) eff[s] = owner[s]! >= 0 ? -beta[j]! * F : slotBase[s]!;
      this.refresh(j);
    }
    // A bidder's old slot keeps its price; the reverse step lowers it if nobody takes it.
    for (const i of bidders) this.release(i);
    this.phases(Math.max(1, Math.floor((violation * F) / EPSILON_FACTOR)));
  }

  /** Mentor prices in original (fractional) units: what a further mentee would pay to join. */
  mentorPrice(): Float64Array {
    return this.best.map((x) => x / this.F);
  }

  private phases(eps0: number): void {
    let planned = 1;
    for (let e = eps0; e > 1; e = Math.floor(e / EPSILON_FACTOR)) planned++;
    for (let eps = eps0, done = 0; ; eps = Math.max(1, Math.floor(eps / EPSILON_FACTOR)), done++) {
      this.stats.phases++;
      checkCancelled(this.opts.signal);
      this.opts.onProgress?.({ phase: 'solving', done, total: planned });
      this.unassignViolators(eps);
      this.forward(eps);
      this.reverse(eps);
      if (eps === 1) break;
    }
  }

  private enqueue(i: number): void {
    this.waiting[i] = 1;
    this.queue[this.qTail] = i;
    this.qTail = this.qTail === this.n ? 0 : this.qTail + 1;
    this.qSize++;
  }

  private release(i: number): void {
    const s = this.slotOf[i]!;
    if (s >= 0) this.owner[s] = -1;
    this.slotOf[i] = -1;
    this.arc[i] = -1;
    this.enqueue(i);
  }

  /**
   * Keeps everyone who satisfies ε-complementary slackness (unmatched mentees included: their own
   * option is the unmatched cost); the rest bid again.
   */
  private unassignViolators(eps: number): void {
    const { a, best, next, bestSlot, g, D, slotOf } = this;
    const present = this.problem.present;
    for (let i = 0; i < this.n; i++) {
      if (present && !present[i]) continue;
      if (this.waiting[i]) continue;
      const s = slotOf[i]!;
      const jOwn = s >= 0 ? g.mentor[this.arc[i]!]! : -1;
      const own = this.pay[i]!;
      let alt = s >= 0 ? D : Infinity;
      for (let q = g.rowStart[i]!, qe = g.rowStart[i + 1]!; q < qe; q++) {
        const j = g.mentor[q]!;
        // At its own mentor the alternative is the cheapest other slot.
        const price = j === jOwn && bestSlot[j] === s ? next[j]! : best[j]!;
        const v = a[q]! + price;
        if (v < alt) alt = v;
      }
      if (own > alt + eps && !(s >= 0 && this.cutOwnPrice(i, s, jOwn, own - alt - eps, eps))) this.release(i);
    }
  }

  /**
   * A mentee that violates ε-complementary slackness only by its own slot being `need` too dear
   * keeps it if the slot can get that much cheaper without another mentee then preferring it by
   * more than ε (and without a negative price): cheaper than releasing it, which starts a chain of
   * displacements. Returns whether the price was cut.
   */
  private cutOwnPrice(i: number, s: number, j: number, need: number, eps: number): boolean {
    const { eff, slotBase, colStart, colMentee, colA, pay, waiting } = this;
    if (eff[s]! - need < slotBase[s]!) return false;
    const after = eff[s]! - need;
    for (let c = colStart[j]!, ce = colStart[j + 1]!; c < ce; c++) {
      const k = colMentee[c]!;
      if (k === i || waiting[k]) continue;
      if (colA[c]! + after < pay[k]! - eps) return false;
    }
    eff[s] = after;
    pay[i] = pay[i]! - need;
    this.refresh(j);
    return true;
  }

  private forward(eps: number): void {
    const { a, best, next, g, D, bestSlot, eff, owner, queue } = this;
    const gRow = g.rowStart;
    const gMentor = g.mentor;
    while (this.qSize > 0) {
      const i = queue[this.qHead]!;
      this.qHead = this.qHead === this.n ? 0 : this.qHead + 1;
      this.qSize--;
      this.waiting[i] = 0;
      if ((++this.stats.forwardBids & 4095) === 0) checkCancelled(this.opts.signal);
      // Best and second-best options; the unmatched option is the starting best, so it wins ties.
      let v1 = D;
      let v2 = Infinity;
      let q1 = -1;
      for (let q = gRow[i]!, qe = gRow[i + 1]!; q < qe; q++) {
        const v = a[q]! + best[gMentor[q]!]!;
        if (v < v1) {
          v2 = v1;
          v1 = v;
          q1 = q;
        } else if (v < v2) v2 = v;
      }
      if (q1 < 0) {
        this.pay[i] = D; // stays unmatched
        continue;
      }
      const j = gMentor[q1]!;
      const sameMentor = a[q1]! + next[j]!;
      if (sameMentor < v2) v2 = sameMentor;
      const s = bestSlot[j]!;
      eff[s] = eff[s]! + (v2 - v1) + eps;
      this.refresh(j);
      const prev = owner[s]!;
      if (prev >= 0) {
        this.slotOf[prev] = -1;
        this.arc[prev] = -1;
        this.enqueue(prev);
      }
      owner[s] = i;
      this.slotOf[i] = s;
      this.arc[i] = q1;
      this.pay[i] = a[q1]! + eff[s]!;
    }
  }

  /** Empty slots that still carry a price bid for the mentee that gains most from them. */
  private reverse(eps: number): void {
    const { eff, owner, slotBase, slotOf, stranded, colStart, colArc, colMentee, colA, pay } = this;
    stranded.length = 0;
    for (let s = 0; s < eff.length; s++) if (owner[s]! < 0 && eff[s]! > slotBase[s]!) stranded.push(s);
    while (stranded.length > 0) {
      const s = stranded.pop()!;
      if (owner[s]! >= 0 || !(eff[s]! > slotBase[s]!)) continue;
      if ((++this.stats.reverseBids & 4095) === 0) checkCancelled(this.opts.signal);
      const j = this.slotMentor[s]!;
      // Gain of each mentee from taking this slot at price 0 (slot cost is the same for all).
      let g1 = -Infinity;
      let g2 = -Infinity;
      let c1 = -1;
      for (let c = colStart[j]!, ce = colStart[j + 1]!; c < ce; c++) {
        const gain = pay[colMentee[c]!]! - colA[c]!;
        if (gain > g1) {
          g2 = g1;
          g1 = gain;
          c1 = c;
        } else if (gain > g2) g2 = gain;
      }
      const base = slotBase[s]!;
      if (g1 - base <= eps) {
        eff[s] = base;
      } else {
        eff[s] = base + Math.max(0, g2 - base - eps);
        const i = colMentee[c1]!;
        const old = slotOf[i]!;
        if (old >= 0) {
          owner[old] = -1;
          if (eff[old]! > slotBase[old]!) stranded.push(old);
        }
        owner[s] = i;
        slotOf[i] = s;
        this.arc[i] = colArc[c1]!;
        pay[i] = colA[c1]! + eff[s]!;
      }
      this.refresh(j);
    }
  }

  /** Recomputes mentor j's cheapest slot and its two lowest effective prices. */
  private refresh(j: number): void {
    const eff = this.eff;
    let b1 = Infinity;
    let b2 = Infinity;
    let arg = -1;
    for (let s = this.slotOff[j]!, se = this.slotOff[j + 1]!; s < se; s++) {
      const e = eff[s]!;
      if (e < b1) {
        b2 = b1;
        b1 = e;
        arg = s;
      } else if (e < b2) b2 = e;
    }
    this.bestSlot[j] = arg;
    this.best[j] = b1;
    this.next[j] = b2;
  }
}
