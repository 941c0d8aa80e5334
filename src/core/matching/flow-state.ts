/**
 * The state the successive-shortest-paths engine (flow.ts) keeps between candidate graphs: the
 * assignment (mentor per mentee, members per mentor), mentor prices β, the current candidate graph
 * with its row and column indexes, and the Dijkstra scratch arrays, with the bookkeeping that keeps
 * them consistent (attach, detach, switching graphs). Split from flow.ts so that file holds the
 * algorithms alone; SspEngine extends this class, so the hot loops still read plain fields.
 */
import type { ProgressFn } from './errors';
import { toCandidateArcs, type CandidateGraph } from './candidates';
import { IndexedHeap } from './heap';
import { slotOffsets, type AssignmentProblem } from './problem';

export interface SspOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ProgressFn | undefined;
}

export interface SspStats {
  greedy: number;
  augmentations: number;
  pops: number;
  scans: number;
  repaired: number;
}

/** Assignment, prices and candidate-graph indexes of SspEngine (see the file comment). */
export class FlowState {
  protected readonly n: number;
  protected readonly m: number;
  protected readonly cap: Int32Array;
  protected readonly D: number;
  protected readonly slotOff: Int32Array;
  private readonly slot: Float64Array | null;
  /** Mentor per mentee; −1 = unmatched or pending, −2 = not part of the problem. */
  readonly mentorOf: Int32Array;
  readonly load: Int32Array;
  readonly beta: Float64Array;
  readonly stats: SspStats = { greedy: 0, augmentations: 0, pops: 0, scans: 0, repaired: 0 };
  private readonly origOf: Int32Array;
  protected candOf: Int32Array;
  protected readonly pending: Uint8Array;
  // Mentees assigned to mentor j live in members[slotOff[j] .. slotOff[j] + load[j]).
  protected readonly members: Int32Array;
  private readonly posInMentor: Int32Array;
  protected g: CandidateGraph = { rowStart: new Int32Array(1), mentor: new Int32Array(0), cost: new Float64Array(0), orig: new Int32Array(0) };
  protected rowOf = new Int32Array(0);
  // Dijkstra scratch, reused by every insertion.
  protected readonly dist: Float64Array;
  protected readonly heap: IndexedHeap;
  protected readonly predArc: Int32Array;
  protected readonly touched: Int32Array;
  protected readonly settled: Int32Array;
  /** Upper bound on every β_j: with cost-sorted rows, arcs with cost − betaMax ≥ bound can be skipped. */
  protected betaMax = -Infinity;

  constructor(
    private readonly problem: AssignmentProblem,
    protected readonly opts: SspOptions = {},
  ) {
    this.n = problem.nMentees;
    this.m = problem.nMentors;
    this.cap = problem.capacity;
    this.D = problem.unmatchedCost;
    this.slotOff = slotOffsets(problem.capacity);
    this.slot = problem.slotCost;
    this.mentorOf = new Int32Array(this.n).fill(-1);
    for (let i = 0; i < this.n; i++) if (problem.present && !problem.present[i]) this.mentorOf[i] = -2;
    this.origOf = new Int32Array(this.n).fill(-1);
    this.candOf = new Int32Array(this.n).fill(-1);
    this.pending = new Uint8Array(this.n);
    this.load = new Int32Array(this.m);
    this.beta = new Float64Array(this.m);
    this.members = new Int32Array(this.slotOff[this.m]!);
    this.posInMentor = new Int32Array(this.n);
    // A mentor's first slot is priced at its marginal bonus: the highest price that still leaves
    // every empty slot with a non-negative reduced cost.
    for (let j = 0; j < this.m; j++) this.beta[j] = this.cap[j]! > 0 ? -this.slotCostOf(j, 0) : 0;
    this.refreshBetaMax();
    this.dist = new Float64Array(this.m).fill(Infinity);
    this.heap = new IndexedHeap(this.m, this.dist);
    this.predArc = new Int32Array(this.m);
    this.touched = new Int32Array(this.m);
    this.settled = new Int32Array(this.m);
  }

  protected refreshBetaMax(): void {
    let mx = -Infinity;
    for (let j = 0; j < this.m; j++) if (this.beta[j]! > mx) mx = this.beta[j]!;
    this.betaMax = mx;
  }

  protected slotCostOf(j: number, k: number): number {
    return this.slot ? this.slot[this.slotOff[j]! + k]! : 0;
  }

  /** Switches to a (larger) candidate graph, keeping the assignment and prices. */
  setGraph(g: CandidateGraph): void {
    this.g = g;
    const E = g.mentor.length;
    this.rowOf = new Int32Array(E);
    for (let i = 0; i < this.n; i++) this.rowOf.fill(i, g.rowStart[i]!, g.rowStart[i + 1]!);
    this.candOf = toCandidateArcs(g, this.origOf);
  }

  protected attach(i: number, j: number, q: number): void {
    this.mentorOf[i] = j;
    this.candOf[i] = q;
    this.origOf[i] = this.g.orig[q]!;
    const at = this.slotOff[j]! + this.load[j]!;
    this.members[at] = i;
    this.posInMentor[i] = at;
    this.load[j]! += 1;
  }

  protected detach(i: number): void {
    const j = this.mentorOf[i]!;
    const lastAt = this.slotOff[j]! + this.load[j]! - 1;
    const last = this.members[lastAt]!;
    const at = this.posInMentor[i]!;
    this.members[at] = last;
    this.posInMentor[last] = at;
    this.load[j]! -= 1;
    this.mentorOf[i] = -1;
    this.candOf[i] = -1;
    this.origOf[i] = -1;
  }

  /** α_i: the mentee's current reduced-cost level (its tight arc, or the unmatched cost). */
  private alpha(i: number): number {
    const j = this.mentorOf[i]!;
    return j >= 0 ? this.g.cost[this.candOf[i]!]! - this.beta[j]! : this.D;
  }

  /** Full-problem arc per mentee (−1 = unmatched or absent). */
  arcOf(): Int32Array {
    return this.origOf.slice();
  }
}
