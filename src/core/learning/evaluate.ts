/**
 * Evidence before use: the learned score and the hand-set weights, compared on the latest cohort's rated
 * pairs after learning from the earlier cohorts only. Both scores rank the same realised pairs, so the
 * comparison is fair between them; what it cannot show (pairs that were never made) is said in
 * docs/matching.md.
 */
import type { Breakdown } from '../matching/scoring';
import { PAIR_CRITERIA } from '../matching/settings';
import { fitLogistic, predict, type LogisticModel } from './logistic';
import { auc, calibration, precisionAtK, type CalibrationBin } from './metrics';
import { seededRandom } from './random';

/** One realised pair with its rating: a training example. */
export interface RatedPair {
  readonly cohortId: string;
  /** When the cohort's pairs started: orders cohorts, so the held-out one is the latest. */
  readonly cohortStart: string;
  /** The engine's per-criterion values for this pair, as the run that made it computed them. */
  readonly breakdown: Breakdown;
  /** The match rating, 1–5 (the mean of both sides when both rated). */
  readonly rating: number;
}

/** A pair is "good" when rated 4 or 5: what a coordinator would call a match that worked. */
export const GOOD_RATING = 4;
/** Penalty per example: small histories cannot make one criterion's coefficient run away. */
export const L2 = 0.01;
/** Precision@K looks at the top fifth of pairs by score. */
export const TOP_FRACTION = 0.2;
/**
 * The least evidence to learn and to judge: enough rated pairs of each kind that one pair changing
 * class moves AUC by at most a few points (with 8 good and 8 not-good pairs, one pair is 1/64 of the
 * pairs compared; below that the bootstrap interval is wider than any difference worth acting on).
 */
export const MIN_TRAIN = { pairs: 30, perClass: 8 } as const;
export const MIN_TEST = { pairs: 20, perClass: 5 } as const;
const BOOTSTRAP = 400;

export type HandWeights = Readonly<Breakdown>;

export const features = (b: Breakdown): number[] => PAIR_CRITERIA.map((c) => b[c]);
export const label = (p: RatedPair): number => (p.rating >= GOOD_RATING ? 1 : 0);

export function fitPairs(pairs: readonly RatedPair[]): LogisticModel {
  return fitLogistic(pairs.map((p) => features(p.breakdown)), pairs.map(label), { l2: L2, nonNegative: true });
}

export function handScore(weights: HandWeights, b: Breakdown): number {
  let s = 0;
  for (const c of PAIR_CRITERIA) s += weights[c] * b[c];
  return s;
}

export interface ScoreQuality {
  readonly auc: number | null;
  readonly precisionAtK: number | null;
  readonly calibration: CalibrationBin[];
  /** Mean gap between predicted chance and observed share (pair-weighted). */
  readonly calibrationError: number | null;
}

export interface Evaluation {
  readonly trainCohorts: number;
  readonly trainPairs: number;
  readonly testCohortId: string;
  readonly testPairs: number;
  /** Share of the held-out pairs rated good: precision@K of a score that knows nothing. */
  readonly baseRate: number;
  readonly learned: ScoreQuality;
  readonly hand: ScoreQuality;
  /** Learned AUC minus hand-set AUC, with a 90% bootstrap interval over the held-out pairs. */
  readonly aucGain: { readonly estimate: number; readonly low: number; readonly high: number };
  readonly recommended: boolean;
  /** The verdict in words, shown beside the toggle. */
  readonly verdict: string;
}

export type Readiness = { ready: true; train: RatedPair[]; test: RatedPair[]; testCohortId: string } | { ready: false; reason: string };

function classCounts(pairs: readonly RatedPair[]): { good: number; other: number } {
  const good = pairs.filter((p) => label(p) === 1).length;
  return { good, other: pairs.length - good };
}

/**
 * Splits the history: the latest cohort with enough rated pairs to test on is held out, the cohorts before
 * it train. A cohort under way has its first few ratings long before it has enough, and must not stop the
 * program from learning from the cohorts before it (it is left out of the evaluation until it has enough).
 * Says why, for the latest cohort, when no cohort can be held out.
 */
export function split(history: readonly RatedPair[]): Readiness {
  const starts = new Map<string, string>();
  for (const p of history) if (!starts.has(p.cohortId) || p.cohortStart < starts.get(p.cohortId)!) starts.set(p.cohortId, p.cohortStart);
  const cohorts = [...starts.entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0])).map(([id]) => id);
  if (cohorts.length < 2) {
    return { ready: false, reason: `Needs rated pairs from at least two cohorts (one to learn from, the latest to test on); there ${cohorts.length === 1 ? 'is one' : 'are none'}.` };
  }
  let latest: Readiness | undefined;
  for (let i = cohorts.length - 1; i >= 1; i--) {
    const attempt = splitAt(history, cohorts.slice(0, i), cohorts[i]!);
    if (attempt.ready) return attempt;
    latest ??= attempt;
  }
  return latest!;
}

/** Holds out one cohort and trains on the given earlier ones, if each side has enough of both kinds. */
function splitAt(history: readonly RatedPair[], earlier: readonly string[], testCohortId: string): Readiness {
  const before = new Set(earlier);
  const train = history.filter((p) => before.has(p.cohortId));
  const test = history.filter((p) => p.cohortId === testCohortId);
  const tr = classCounts(train);
  const te = classCounts(test);
  if (train.length < MIN_TRAIN.pairs || tr.good < MIN_TRAIN.perClass || tr.other < MIN_TRAIN.perClass) {
    return {
      ready: false,
      reason: `Needs at least ${MIN_TRAIN.pairs} rated pairs in the earlier cohorts, ${MIN_TRAIN.perClass} rated good (4–5) and ${MIN_TRAIN.perClass} not; they have ${train.length} (${tr.good} good, ${tr.other} not).`,
    };
  }
  if (test.length < MIN_TEST.pairs || te.good < MIN_TEST.perClass || te.other < MIN_TEST.perClass) {
    return {
      ready: false,
      reason: `Needs at least ${MIN_TEST.pairs} rated pairs in the latest cohort to test on, ${MIN_TEST.perClass} rated good and ${MIN_TEST.perClass} not; it has ${test.length} (${te.good} good, ${te.other} not).`,
    };
  }
  return { ready: true, train, test, testCohortId };
}

function quality(probabilities: number[], ranks: number[], labels: number[]): ScoreQuality {
  const cal = calibration(probabilities, labels);
  return { auc: auc(ranks, labels), precisionAtK: precisionAtK(ranks, labels, TOP_FRACTION), calibration: cal.bins, calibrationError: cal.error };
}

/** Train on the earlier cohorts, test on the latest, for the learned score and the hand-set weights. */
export function evaluate(train: readonly RatedPair[], test: readonly RatedPair[], testCohortId: string, hand: HandWeights, seed = 1): Evaluation {
  const model = fitPairs(train);
  // The hand-set score is not a probability: to compare calibration, map it to one on the training
  // cohorts (a one-feature logistic fit, Platt scaling), never on the held-out pairs.
  const platt = fitLogistic(train.map((p) => [handScore(hand, p.breakdown)]), train.map(label), { l2: 0, nonNegative: false });
  const labels = test.map(label);
  const learnedP = test.map((p) => predict(model, features(p.breakdown)));
  const handS = test.map((p) => handScore(hand, p.breakdown));
  const handP = handS.map((s) => predict(platt, [s]));
  const learned = quality(learnedP, learnedP, labels);
  const handQ = quality(handP, handS, labels);

  const random = seededRandom(seed);
  const gains: number[] = [];
  const learnedAucs: number[] = [];
  for (let b = 0; b < BOOTSTRAP; b++) {
    const pick = test.map(() => Math.floor(random() * test.length));
    const y = pick.map((i) => labels[i]!);
    const a = auc(pick.map((i) => learnedP[i]!), y);
    const h = auc(pick.map((i) => handS[i]!), y);
    if (a !== null && h !== null) {
      gains.push(a - h);
      learnedAucs.push(a);
    }
  }
  const at = (list: number[], q: number) => list.sort((x, y) => x - y)[Math.min(list.length - 1, Math.floor(q * list.length))] ?? 0;
  const estimate = (learned.auc ?? 0.5) - (handQ.auc ?? 0.5);
  const aucGain = { estimate, low: at(gains, 0.05), high: at(gains, 0.95) };
  const noSignal = model.coefficients.every((c) => c === 0);
  // Recommended only when the learned score both ranks better than chance and better than the hand-set
  // weights, each beyond the bootstrap's doubt: a hand-set score that happens to rank badly on a
  // no-signal cohort must not make a learned score that knows nothing look good.
  const beatsChance = at(learnedAucs, 0.05) > 0.5;
  const recommended = !noSignal && beatsChance && aucGain.low > 0 && (learned.precisionAtK ?? 0) >= (handQ.precisionAtK ?? 0);
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
  const verdict = noSignal
    ? 'No criterion predicted which pairs were rated good: keep the hand-set weights.'
    : recommended
      ? `Better than the hand-set weights on the held-out cohort: AUC ${learned.auc!.toFixed(2)} against ${handQ.auc!.toFixed(2)}, and ${pct(learned.precisionAtK)} of its top fifth rated good against ${pct(handQ.precisionAtK)}.`
      : `Not clearly better than the hand-set weights on the held-out cohort (AUC ${learned.auc?.toFixed(2) ?? '–'} against ${handQ.auc?.toFixed(2) ?? '–'}; the difference could be chance): keep the hand-set weights.`;
  const labelsGood = labels.reduce((s, y) => s + y, 0);
  return {
    trainCohorts: new Set(train.map((p) => p.cohortId)).size,
    trainPairs: train.length,
    testCohortId,
    testPairs: test.length,
    baseRate: labelsGood / labels.length,
    learned,
    hand: handQ,
    aucGain,
    recommended,
    verdict,
  };
}
