import type { Health, PairHealth } from './contract';

const RANK: Record<Health, number> = { 'at-risk': 0, 'needs-attention': 1, 'on-track': 2 };

/** Health worst first, then longest without a session: the Pairs page's default order. */
export const worstFirst = (a: PairHealth, b: PairHealth): number => RANK[a.health] - RANK[b.health] || b.daysWithout - a.daysWithout;

/**
 * What pairs.overview answers: the rows (all, or only the first `first` worst first) with the counts of
 * all. A 5,000-pair cohort's whole answer is 3.3 MB; its first screen needs 100 rows.
 */
export function overviewAnswer<T extends { pairs: PairHealth[] }>(overview: T, first?: number): T & { total: number; counts: Record<Health, number> } {
  const counts: Record<Health, number> = { 'on-track': 0, 'needs-attention': 0, 'at-risk': 0 };
  for (const pair of overview.pairs) counts[pair.health] += 1;
  const pairs = first === undefined ? overview.pairs : [...overview.pairs].sort(worstFirst).slice(0, first);
  return { ...overview, pairs, total: overview.pairs.length, counts };
}
