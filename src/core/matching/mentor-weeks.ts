/**
 * Mentors' weekly availability, coordinate-compressed so that the overlap of a mentee with a
 * mentor is a sum of a few looked-up numbers. Used by the pair-table builder for the availability
 * criterion and the min-overlap rule; kept apart because it is a self-contained data structure
 * with its own layout concerns (fixed-size slots plus overflow).
 */
import { MINUTES_PER_WEEK, type WeekIntervals } from './timezones';

/**
 * Mentor availability in coordinate-compressed form. Cohorts share a few zones and hours, so all
 * mentors together have only a few hundred distinct interval endpoints and distinct intervals. Per
 * mentee, the covered-minutes prefix is computed only at those endpoints (not at all 10,080 minutes
 * of the week) and then the overlap with each distinct interval, so a pair's overlap is the sum of
 * a few looked-up numbers.
 *
 * Each mentor's first `slotSize` interval ids sit in a fixed-size slot (padded with the empty
 * interval 0), the rest, if any, in an overflow list: a loop with the same trip count for every
 * mentor is predicted well, one whose length varies per mentor mispredicts about once per pair.
 */
export class MentorWeeks {
  private readonly points: Int32Array;
  /** Distinct intervals as indices into `points`, [s0, e0, s1, e1, ...]; interval 0 is empty. */
  private readonly intervals: Int32Array;
  private readonly known: Uint8Array;
  private readonly slotSize: number;
  private readonly slots: Int32Array;
  private readonly overflowStart: Int32Array;
  private readonly overflow: Int32Array;
  /** Minutes the current mentee is available before `points[k]` (integer, so sums are exact). */
  private readonly coveredBefore: Int32Array;
  /** The current mentee's overlap with each distinct interval. */
  private readonly intervalOverlap: Int32Array;

  constructor(weeks: readonly (WeekIntervals | null)[]) {
    const m = weeks.length;
    this.known = Uint8Array.from(weeks, (wk) => (wk ? 1 : 0));
    const distinct = new Set<number>();
    for (const wk of weeks) if (wk) for (const t of wk) distinct.add(t);
    this.points = Int32Array.from(distinct).sort();
    this.coveredBefore = new Int32Array(this.points.length);
    const rank = new Map<number, number>();
    this.points.forEach((t, k) => rank.set(t, k));
    const idOfKey = new Map<number, number>();
    const intervals = [0, 0];
    // An interval [s, e) of the week is keyed s × (week + 1) + e: unique, and exact as a double.
    const idOf = (s: number, e: number): number => {
      const key = s * (MINUTES_PER_WEEK + 1) + e;
      let id = idOfKey.get(key);
      if (id === undefined) {
        id = intervals.length / 2;
        idOfKey.set(key, id);
        intervals.push(rank.get(s)!, rank.get(e)!);
      }
      return id;
    };
    this.slotSize = slotSize(weeks);
    this.slots = new Int32Array(m * this.slotSize);
    this.overflowStart = new Int32Array(m + 1);
    const overflow: number[] = [];
    weeks.forEach((wk, j) => {
      for (let a = 0; wk && a < wk.length; a += 2) {
        const id = idOf(wk[a]!, wk[a + 1]!);
        if (a / 2 < this.slotSize) this.slots[j * this.slotSize + a / 2] = id;
        else overflow.push(id);
      }
      this.overflowStart[j + 1] = overflow.length;
    });
    this.overflow = Int32Array.from(overflow);
    this.intervals = Int32Array.from(intervals);
    this.intervalOverlap = new Int32Array(intervals.length / 2);
  }

  /** Loads a mentee's sorted, disjoint intervals: one merge over the points, then each interval. */
  setMentee(w: WeekIntervals): void {
    const points = this.points;
    const cov = this.coveredBefore;
    let a = 0;
    let full = 0; // minutes of the intervals that end at or before the current point
    for (let k = 0; k < points.length; k++) {
      const t = points[k]!;
      while (a < w.length && w[a + 1]! <= t) {
        full += w[a + 1]! - w[a]!;
        a += 2;
      }
      cov[k] = a < w.length && w[a]! < t ? full + t - w[a]! : full;
    }
    const iv = this.intervals;
    const ivOv = this.intervalOverlap;
    for (let d = 1; d < ivOv.length; d++) ivOv[d] = cov[iv[2 * d + 1]!]! - cov[iv[2 * d]!]!;
  }

  /** Overlap in minutes of the loaded mentee with mentor `j`, or −1 when j's time zone is unknown. */
  overlap(j: number): number {
    if (this.known[j] === 0) return -1;
    const ivOv = this.intervalOverlap;
    const slots = this.slots;
    let ov = 0;
    for (let b = j * this.slotSize, be = b + this.slotSize; b < be; b++) ov += ivOv[slots[b]!]!;
    const extra = this.overflow;
    for (let b = this.overflowStart[j]!, be = this.overflowStart[j + 1]!; b < be; b++) ov += ivOv[extra[b]!]!;
    return ov;
  }
}

/** Slot size (in intervals) that holds all intervals of 9 mentors in 10: the rest overflow. */
function slotSize(weeks: readonly (WeekIntervals | null)[]): number {
  const lengths = Int32Array.from(weeks, (wk) => (wk ? wk.length / 2 : 0)).sort();
  return lengths.length === 0 ? 0 : lengths[Math.floor((lengths.length - 1) * 0.9)]!;
}
