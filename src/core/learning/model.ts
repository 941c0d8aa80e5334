/**
 * Learned models as the workspace keeps them: trained from the program's rated pairs, evaluated on the
 * latest cohort, stored through the one write path as the next version. Runs pick the highest version.
 */
import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import { PAIR_CRITERIA, type PairCriterion } from '../matching/settings';
import { criterionShares, MatchSettings } from '../matching/settings';
import { getProgram } from '../programs/programs';
import type { LearnedModel, LearningStatus } from './contract';
import { effects, summary } from './describe';
import { evaluate, fitPairs, split, type Evaluation, type HandWeights } from './evaluate';
import { ratedPairs } from './history';

/** The hand-set weights a learned score is compared with: the program's cohort default settings. */
/** The hand-set score the learned one must beat: the coordinator's criteria when given, else the defaults. */
function handWeights(criteria?: MatchSettings['criteria']): HandWeights {
  return criterionShares(criteria ?? MatchSettings.parse({}).criteria).weight;
}

function toModel(store: Store, row: {
  id: string; program_id: string; version: number; trained_at: string; intercept: number; coefficients: string; evaluation: string; summary: string; pairs: number; cohorts: number;
}): LearnedModel {
  const coefficients = JSON.parse(row.coefficients) as Record<PairCriterion, number>;
  const evaluation = JSON.parse(row.evaluation) as Evaluation;
  const testCohort = store.first(store.q.selectFrom('cohorts').select('name').where('id', '=', evaluation.testCohortId));
  return {
    id: row.id,
    programId: row.program_id,
    version: row.version,
    trainedAt: row.trained_at,
    intercept: row.intercept,
    effects: effects(PAIR_CRITERIA.map((c) => coefficients[c])),
    summary: row.summary,
    pairs: row.pairs,
    cohorts: row.cohorts,
    evaluation: { ...evaluation, testCohortName: testCohort?.name ?? '(removed cohort)' },
  };
}

export function currentModel(store: Store, programId: string): LearnedModel | null {
  const row = store.first(
    store.q.selectFrom('learned_models').selectAll().where('program_id', '=', programId).where('deleted_at', 'is', null).orderBy('version', 'desc').limit(1),
  );
  return row ? toModel(store, row) : null;
}

export function learningStatus(store: Store, programId: string): LearningStatus {
  getProgram(store, programId);
  const history = ratedPairs(store, programId);
  const s = split(history);
  return {
    ratedPairs: history.length,
    ratedCohorts: new Set(history.map((p) => p.cohortId)).size,
    ready: s.ready,
    reason: s.ready ? null : s.reason,
    model: currentModel(store, programId),
  };
}

export function trainModel(store: Store, programId: string, now: Date, criteria?: MatchSettings['criteria']): LearnedModel {
  getProgram(store, programId);
  const history = ratedPairs(store, programId);
  const s = split(history);
  if (!s.ready) throw new UserError(`Not enough rated pairs to learn a score yet. ${s.reason}`);
  const evaluation = evaluate(s.train, s.test, s.testCohortId, handWeights(criteria));
  // The model runs use learns from every rated cohort, the latest included; the evaluation above is
  // the evidence for that procedure, measured on a cohort it had not seen.
  const model = fitPairs(history);
  const cohorts = new Set(history.map((p) => p.cohortId)).size;
  const coefficients = Object.fromEntries(PAIR_CRITERIA.map((c, j) => [c, model.coefficients[j]!]));
  const previous = currentModel(store, programId);
  const id = store.transact((w) =>
    w.insert('learned_models', {
      program_id: programId,
      version: (previous?.version ?? 0) + 1,
      trained_at: now.toISOString(),
      intercept: model.intercept,
      coefficients: JSON.stringify(coefficients),
      evaluation: JSON.stringify(evaluation),
      summary: summary(effects(model.coefficients), { pairs: history.length, cohorts }),
      pairs: history.length,
      cohorts,
    }),
  );
  const saved = store.first(store.q.selectFrom('learned_models').selectAll().where('id', '=', id));
  if (!saved) throw new NotFoundError('The learned model was not saved');
  return toModel(store, saved);
}
