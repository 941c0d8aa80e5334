/**
 * Small-group suppression for survey breakdowns. Pure: results.ts, exports and reports call it, so every
 * screen and file hides the same cells.
 *
 * Primary: a group with fewer than k responses is hidden (a group with none as well: "nobody from Legal
 * answered" is a fact about few people). Complementary: the overall figure is shown, so the hidden groups
 * together can be recovered as the total minus the shown groups. While the hidden groups together hold
 * fewer than k responses, the smallest shown group is hidden too; the hidden remainder is then a group
 * of at least k, as safe as any shown one (the differencing case: one small group, total minus the rest).
 */

/** The smallest k a survey may use: below 3, one respondent and their friend can read each other's answers. */
export const MIN_K = 3;
export const DEFAULT_K = 5;

export type HiddenReason = 'small' | 'complement';

export interface GroupCount {
  key: string;
  count: number;
}

export interface SuppressedGroup extends GroupCount {
  hidden: boolean;
  /** 'small': fewer than k; 'complement': shown, it would let a small group be worked out from the total. */
  reason: HiddenReason | null;
}

/** Refuses a k below the floor, so no caller can weaken suppression by passing a smaller number. */
export function checkedK(k: number): number {
  if (!Number.isInteger(k) || k < MIN_K) throw new RangeError(`The minimum group size is a whole number of at least ${MIN_K} (got ${k})`);
  return k;
}

/** The groups of one breakdown, each marked shown or hidden with its reason; order kept. */
export function suppressGroups(groups: readonly GroupCount[], k: number): SuppressedGroup[] {
  checkedK(k);
  const out: SuppressedGroup[] = groups.map((g) => ({ ...g, hidden: g.count < k, reason: g.count < k ? 'small' : null }));
  if (!out.some((g) => g.hidden)) return out;
  let hiddenTotal = out.filter((g) => g.hidden).reduce((sum, g) => sum + g.count, 0);
  // Hidden groups that hold no response at all reveal no answer when worked out (a zero), so they ask for no complement.
  while (hiddenTotal > 0 && hiddenTotal < k) {
    // The smallest shown group costs the least to hide; ties go to the later one so the order is stable.
    let pick: SuppressedGroup | undefined;
    for (const g of out) if (!g.hidden && (pick === undefined || g.count <= pick.count)) pick = g;
    if (!pick) break;
    pick.hidden = true;
    pick.reason = 'complement';
    hiddenTotal += pick.count;
  }
  return out;
}

/** Whether a figure over `count` responses may be shown at all. */
export function showable(count: number, k: number): boolean {
  return count >= checkedK(k);
}
