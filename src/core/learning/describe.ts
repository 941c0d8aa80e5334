/**
 * What a learned model says, in a coordinator's words: which criteria predicted a good pair in this
 * program, which did not, and on how much evidence.
 */
import { CRITERIA_TEXT } from '../matching/criteria-text';
import { PAIR_CRITERIA, type PairCriterion } from '../matching/settings';

export interface CriterionEffect {
  readonly criterion: PairCriterion;
  readonly label: string;
  /** The learned coefficient: how much a full mark on this criterion raises the log-odds of a good pair. */
  readonly coefficient: number;
  /** Its share of all coefficients: the weight it gets in the learned score. */
  readonly share: number;
}

/** A criterion "mattered most" at half or more of the strongest one, and "did not matter" below a tenth. */
const MOST = 0.5;
const NOT = 0.1;

export function effects(coefficients: readonly number[]): CriterionEffect[] {
  const total = coefficients.reduce((s, c) => s + c, 0);
  return PAIR_CRITERIA.map((criterion, j) => ({
    criterion,
    label: CRITERIA_TEXT[criterion].label,
    coefficient: coefficients[j]!,
    share: total > 0 ? coefficients[j]! / total : 0,
  })).sort((a, b) => b.coefficient - a.coefficient || a.criterion.localeCompare(b.criterion));
}

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const lower = (e: CriterionEffect) => CRITERIA_TEXT[e.criterion].short;

/** "Shared language and seniority gap mattered most; department did not (312 rated pairs, 3 cohorts)." */
export function summary(list_: readonly CriterionEffect[], evidence: { pairs: number; cohorts: number }): string {
  const strongest = list_[0]?.coefficient ?? 0;
  const size = `${evidence.pairs.toLocaleString('en-US')} rated pairs in ${evidence.cohorts} cohort${evidence.cohorts === 1 ? '' : 's'}`;
  if (strongest <= 0) return `No criterion predicted which pairs were rated good (${size}).`;
  const most = list_.filter((e) => e.coefficient >= MOST * strongest).map(lower);
  const not = list_.filter((e) => e.coefficient < NOT * strongest).map(lower);
  const first = list(most);
  const sentence = `${first.charAt(0).toUpperCase()}${first.slice(1)} mattered most`;
  return `${sentence}${not.length > 0 ? `; ${list(not)} did not` : ''} (${size}).`;
}
