/**
 * How well a score ranks and predicts which pairs were rated good, on pairs it was not trained on.
 * Pure functions over parallel arrays (score i belongs to label i; label 1 = rated good).
 */

/**
 * Area under the ROC curve: the chance that a random good pair scores above a random not-good one,
 * ties counting one half (the Mann–Whitney statistic, from mid-ranks). Null when one class is empty:
 * there is nothing to rank against.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number | null {
  const n = scores.length;
  const order = [...scores.keys()].sort((a, b) => scores[a]! - scores[b]!);
  const rank = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) rank[order[k]!] = mid;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) {
      positives++;
      rankSum += rank[i]!;
    }
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Of the top `fraction` of pairs by score (at least one pair), the share rated good. Ties at the
 * cut-off count by their average label, so the figure does not depend on the order of equal scores.
 */
export function precisionAtK(scores: readonly number[], labels: readonly number[], fraction: number): number | null {
  const n = scores.length;
  if (n === 0) return null;
  const k = Math.max(1, Math.round(n * fraction));
  const order = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!);
  const cut = scores[order[k - 1]!]!;
  let good = 0;
  let above = 0;
  let tiedGood = 0;
  let tied = 0;
  for (let i = 0; i < n; i++) {
    if (scores[i]! > cut) {
      above++;
      good += labels[i]!;
    } else if (scores[i] === cut) {
      tied++;
      tiedGood += labels[i]!;
    }
  }
  const fromTies = k - above;
  return (good + (fromTies * tiedGood) / tied) / k;
}

export interface CalibrationBin {
  /** Predicted chance of a good pair: the bin's range and its pairs' mean. */
  readonly from: number;
  readonly to: number;
  readonly predicted: number;
  /** Share of the bin's pairs rated good. */
  readonly observed: number;
  readonly pairs: number;
}

/**
 * Predicted chances against observed shares, in `bins` equal-width bins of the predicted chance
 * (empty bins left out), plus the expected calibration error: the pair-weighted mean gap.
 */
export function calibration(probabilities: readonly number[], labels: readonly number[], bins = 5): { bins: CalibrationBin[]; error: number | null } {
  const sums = Array.from({ length: bins }, () => ({ p: 0, y: 0, n: 0 }));
  probabilities.forEach((p, i) => {
    const b = sums[Math.min(bins - 1, Math.floor(p * bins))]!;
    b.p += p;
    b.y += labels[i]!;
    b.n++;
  });
  const out: CalibrationBin[] = [];
  let gap = 0;
  sums.forEach((b, i) => {
    if (b.n === 0) return;
    out.push({ from: i / bins, to: (i + 1) / bins, predicted: b.p / b.n, observed: b.y / b.n, pairs: b.n });
    gap += Math.abs(b.p - b.y);
  });
  return { bins: out, error: probabilities.length === 0 ? null : gap / probabilities.length };
}
