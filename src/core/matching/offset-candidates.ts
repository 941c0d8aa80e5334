/**
 * Candidate mentors per mentee time-zone offset, for the pair-table builder: the offset rule
 * depends only on the mentee's offset, so one cached list per offset lets the hot loop skip the
 * mentors it rejects. Also the mentors' offset groups, which cosine rows are computed by. Not to be
 * confused with candidates.ts (the solvers' pruned arcs).
 */

/** Lists kept per distinct mentee offset; beyond this (odd fixed offsets galore) lists are rebuilt per mentee. */
const MAX_CACHED_LISTS = 64;
/** Offset groups for cosine rows; with more distinct mentor offsets than this, all share one group. */
const MAX_OFFSET_GROUPS = 32;

/** What a mentee can pair with before the pair-level rules. */
export interface Candidates {
  /** Usable mentors that pass the offset rule, ascending. */
  readonly mentors: Int32Array;
  /** The offset groups those mentors belong to. */
  readonly groups: Int32Array;
}

/**
 * Candidate lists per mentee offset. The offset rule depends only on the mentee's offset, which
 * takes few distinct values, so one list per offset lets the hot loop skip the mentors it rejects
 * (about half of a global cohort) without looking at them, and cosine rows skip them too.
 */
export class CandidateLists {
  /** Offset group of each usable mentor (−1 = not usable): mentors with the same offset share one. */
  readonly groupOf: Int32Array;
  readonly groups: number;
  private readonly groupOffset: number[] = [];
  private readonly cache = new Map<number, Candidates>();
  private readonly scratch: Int32Array;

  constructor(
    private readonly mentorOffset: Float64Array,
    private readonly usable: Uint8Array,
    /** null = no offset rule. */
    private readonly maxDiffMin: number | null,
    private readonly unknownOk: boolean,
  ) {
    const m = usable.length;
    this.scratch = new Int32Array(m);
    const groupOfOffset = new Map<number, number>(); // a Map finds NaN keys too
    if (maxDiffMin !== null) {
      for (let j = 0; j < m; j++) {
        if (usable[j] !== 0 && !groupOfOffset.has(mentorOffset[j]!)) groupOfOffset.set(mentorOffset[j]!, groupOfOffset.size);
      }
    }
    const byOffset = groupOfOffset.size > 0 && groupOfOffset.size <= MAX_OFFSET_GROUPS;
    if (byOffset) this.groupOffset = [...groupOfOffset.keys()];
    this.groups = byOffset ? groupOfOffset.size : 1;
    this.groupOf = Int32Array.from(usable, (u, j) => (u === 0 ? -1 : byOffset ? groupOfOffset.get(mentorOffset[j]!)! : 0));
  }

  forOffset(menteeOffset: number): Candidates {
    const key = this.maxDiffMin === null ? 0 : menteeOffset;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let c = 0;
    for (let j = 0; j < this.usable.length; j++) {
      if (this.contains(menteeOffset, j)) this.scratch[c++] = j;
    }
    const groups = this.groupOffset.length === 0 ? Int32Array.of(0) : this.groupsFor(menteeOffset);
    if (this.cache.size >= MAX_CACHED_LISTS) return { mentors: this.scratch.subarray(0, c), groups };
    const list = { mentors: this.scratch.slice(0, c), groups };
    this.cache.set(key, list);
    return list;
  }

  /** Whether mentor `j` is in the list for `menteeOffset`. */
  contains(menteeOffset: number, j: number): boolean {
    return this.usable[j] !== 0 && this.offsetAllows(menteeOffset, this.mentorOffset[j]!);
  }

  private groupsFor(menteeOffset: number): Int32Array {
    const out: number[] = [];
    this.groupOffset.forEach((o, g) => {
      if (this.offsetAllows(menteeOffset, o)) out.push(g);
    });
    return Int32Array.from(out);
  }

  /** Same test as PairRules.mask (circular difference, unknown zones per the setting). */
  private offsetAllows(oi: number, oj: number): boolean {
    if (this.maxDiffMin === null) return true;
    if (oi !== oi || oj !== oj) return this.unknownOk;
    let d = (oi - oj) % 1440;
    if (d < 0) d += 1440;
    if (d > 720) d = 1440 - d;
    return d <= this.maxDiffMin + 1e-9;
  }
}
