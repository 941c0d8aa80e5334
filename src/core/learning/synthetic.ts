/**
 * Synthetic program histories with a hidden "true" preference: rated pairs whose chance of being rated
 * good follows known criterion weights plus noise. Tests use them to show the learner recovers the
 * preference, and that on histories with no preference it claims none.
 */
import type { Breakdown } from '../matching/scoring';
import { PAIR_CRITERIA, type PairCriterion } from '../matching/settings';
import type { RatedPair } from './evaluate';
import { normal, seededRandom } from './random';

export interface SyntheticOptions {
  readonly cohorts: number;
  readonly pairsPerCohort: number;
  /** The hidden preference: how much each criterion raises a pair's latent quality (all 0: no signal). */
  readonly truth: Readonly<Record<PairCriterion, number>>;
  /** Standard deviation of the noise on the latent quality. */
  readonly noise: number;
  readonly seed: number;
}

/** Criterion values shaped like a real cohort's: many shared languages, a binary department, spread topics. */
function drawBreakdown(random: () => number): Breakdown {
  return {
    content: Math.min(1, random() * random() * 1.6),
    language: random() < 0.7 ? 1 : 0,
    seniority: random() < 0.55 ? 1 : Math.round(random() * 100) / 100,
    department: random() < 0.5 ? 1 : 0,
    availability: random() < 0.2 ? 0 : Math.min(1, random() * 1.3),
  };
}

export function syntheticHistory(options: SyntheticOptions): RatedPair[] {
  const random = seededRandom(options.seed);
  const out: RatedPair[] = [];
  for (let c = 0; c < options.cohorts; c++) {
    const cohortStart = `${2024 + Math.floor(c / 2)}-${c % 2 === 0 ? '01' : '07'}-15`;
    const drawn = Array.from({ length: options.pairsPerCohort }, () => {
      const breakdown = drawBreakdown(random);
      return { breakdown, latent: PAIR_CRITERIA.reduce((s, k) => s + options.truth[k] * breakdown[k], 0) + options.noise * normal(random) };
    });
    // Five rating steps around the cohort's median, so about half the pairs are rated 4 or 5.
    const median = drawn.map((d) => d.latent).sort((a, b) => a - b)[Math.floor(drawn.length / 2)] ?? 0;
    for (const { breakdown, latent } of drawn) {
      const l = latent - median;
      const rating = l > 0.9 ? 5 : l >= 0 ? 4 : l > -0.6 ? 3 : l > -1.2 ? 2 : 1;
      out.push({ cohortId: `cohort-${c + 1}`, cohortStart, breakdown, rating });
    }
  }
  return out;
}
