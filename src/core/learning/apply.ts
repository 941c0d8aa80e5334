/**
 * A run's score source made concrete: with a learned score (or a blend), the program's current model is
 * looked up and its criterion weights written into the run's settings, so the run remembers which model
 * and version made it even after the model is retrained.
 */
import type { Store } from '../db/store';
import { UserError } from '../errors';
import { PAIR_CRITERIA, type MatchSettings } from '../matching/settings';
import { currentModel } from './model';

export function learnedScore(store: Store, programId: string, score: MatchSettings['score']): MatchSettings['score'] {
  if (score.source === 'weights') return { ...score, model: null };
  const model = currentModel(store, programId);
  if (!model) {
    throw new UserError('This program has no learned score yet: train one under "Learned from past feedback" (it needs rated pairs from two cohorts), or score with the hand-set weights');
  }
  if (model.effects.every((e) => e.coefficient === 0)) {
    throw new UserError(`The learned score (version ${model.version}) found no criterion that predicted a good pair: score with the hand-set weights`);
  }
  const weights = Object.fromEntries(PAIR_CRITERIA.map((c) => [c, model.effects.find((e) => e.criterion === c)!.coefficient])) as Record<
    (typeof PAIR_CRITERIA)[number],
    number
  >;
  return { ...score, model: { id: model.id, version: model.version, weights } };
}
