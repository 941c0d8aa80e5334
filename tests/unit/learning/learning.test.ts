import { describe, expect, it } from 'vitest';
import { effects, summary } from '../../../src/core/learning/describe';
import { evaluate, fitPairs, split, type RatedPair } from '../../../src/core/learning/evaluate';
import { fitLogistic, predict } from '../../../src/core/learning/logistic';
import { auc, calibration, precisionAtK } from '../../../src/core/learning/metrics';
import { syntheticHistory } from '../../../src/core/learning/synthetic';

/** The sample program's default hand-set weights (content 3, language 1, seniority 1, department 0.5, availability 1). */
const HAND = { content: 3, language: 1, seniority: 1, department: 0.5, availability: 1 };
const NONE = { content: 0, language: 0, seniority: 0, department: 0, availability: 0 };

describe('metrics on known cases', () => {
  it('AUC is 1 for a perfect ranking, 0 for a reversed one, ½ for ties, and counts tied pairs as half', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    // Good pairs at 0.3 and 0.7; not-good at 0.3 and 0.1: of 4 comparisons, 3 won and 1 tie -> 3.5/4.
    expect(auc([0.3, 0.7, 0.3, 0.1], [1, 1, 0, 0])).toBe(0.875);
    expect(auc([0.1, 0.2], [1, 1])).toBeNull();
  });

  it('precision@K is the share of good pairs in the top fraction, ties at the cut-off by their average', () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0];
    const labels = [1, 0, 1, 1, 0, 0, 0, 1, 0, 0];
    expect(precisionAtK(scores, labels, 0.2)).toBe(0.5);
    expect(precisionAtK(scores, labels, 0.4)).toBe(0.75);
    // Every score equal: the top K is as good as the whole set, whatever the order.
    expect(precisionAtK([1, 1, 1, 1], [1, 0, 0, 0], 0.5)).toBe(0.25);
  });

  it('calibration bins compare predicted chances with observed shares', () => {
    const { bins, error } = calibration([0.1, 0.1, 0.9, 0.9], [0, 0, 1, 0], 5);
    expect(bins).toEqual([
      { from: 0, to: 0.2, predicted: 0.1, observed: 0, pairs: 2 },
      { from: 0.8, to: 1, predicted: 0.9, observed: 0.5, pairs: 2 },
    ]);
    expect(error).toBeCloseTo((0.2 + 0.8) / 4, 10);
  });
});

describe('logistic regression', () => {
  it('recovers a known positive coefficient and holds a harmful one at zero when asked', () => {
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = (i % 20) / 19;
      const b = ((i * 7) % 13) / 12;
      x.push([a, b]);
      // Good when a is high, and b pushes the other way.
      y.push(a * 3 - b * 2 + ((i * 31) % 17) / 17 - 0.5 > 0.3 ? 1 : 0);
    }
    const free = fitLogistic(x, y, { l2: 0.001, nonNegative: false });
    expect(free.coefficients[0]).toBeGreaterThan(1);
    expect(free.coefficients[1]).toBeLessThan(-1);
    const held = fitLogistic(x, y, { l2: 0.001, nonNegative: true });
    expect(held.coefficients[0]).toBeGreaterThan(1);
    expect(held.coefficients[1]).toBe(0);
    expect(predict(held, [1, 0])).toBeGreaterThan(predict(held, [0, 0]));
  });

  it('is deterministic: the same history gives the same model', () => {
    const history = syntheticHistory({ cohorts: 3, pairsPerCohort: 120, truth: { ...NONE, language: 2 }, noise: 0.5, seed: 7 });
    expect(fitPairs(history)).toEqual(fitPairs(history));
    const reversed = fitPairs([...history].reverse());
    fitPairs(history).coefficients.forEach((c, j) => expect(reversed.coefficients[j]).toBeCloseTo(c, 9));
  });
});

describe('evaluation on held-out cohorts', () => {
  function run(history: RatedPair[]) {
    const s = split(history);
    if (!s.ready) throw new Error(s.reason);
    return { evaluation: evaluate(s.train, s.test, s.testCohortId, HAND), model: fitPairs(s.train) };
  }

  it('recovers a hidden preference and beats the hand-set weights by a clear margin', () => {
    const truth = { content: 0, language: 2.5, seniority: 1.5, department: 0, availability: 0.3 };
    const { evaluation, model } = run(syntheticHistory({ cohorts: 3, pairsPerCohort: 300, truth, noise: 0.6, seed: 11 }));
    const list = effects(model.coefficients);
    expect(list.map((e) => e.criterion).slice(0, 2)).toEqual(['language', 'seniority']);
    expect(list.find((e) => e.criterion === 'content')!.share).toBeLessThan(0.1);
    expect(evaluation.learned.auc! - evaluation.hand.auc!).toBeGreaterThan(0.1);
    expect(evaluation.learned.precisionAtK!).toBeGreaterThan(evaluation.hand.precisionAtK! + 0.1);
    expect(evaluation.aucGain.low).toBeGreaterThan(0);
    expect(evaluation.recommended).toBe(true);
    expect(evaluation.verdict).toMatch(/^Better than the hand-set weights/);
    expect(summary(list, { pairs: 600, cohorts: 2 })).toMatch(/^Shared language and seniority gap mattered most; .*topics.* did not \(600 rated pairs in 2 cohorts\)\.$/);
  });

  it('claims nothing on a history with no signal', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { evaluation } = run(syntheticHistory({ cohorts: 3, pairsPerCohort: 200, truth: NONE, noise: 1, seed }));
      expect(evaluation.recommended).toBe(false);
      expect(Math.abs(evaluation.learned.auc! - 0.5)).toBeLessThan(0.12);
      expect(evaluation.verdict).toMatch(/keep the hand-set weights/);
    }
  });

  it('does not recommend a learned score that only matches hand-set weights that were already right', () => {
    const truth = { content: 3, language: 1, seniority: 1, department: 0.5, availability: 1 };
    const { evaluation } = run(syntheticHistory({ cohorts: 3, pairsPerCohort: 250, truth, noise: 0.5, seed: 21 }));
    expect(Math.abs(evaluation.aucGain.estimate)).toBeLessThan(0.05);
    expect(evaluation.recommended).toBe(false);
  });

  it('a cohort under way with its first few ratings does not block learning: the latest cohort with enough ratings is held out', () => {
    const history = syntheticHistory({ cohorts: 3, pairsPerCohort: 120, truth: { ...NONE, language: 2 }, noise: 0.5, seed: 3 });
    const underWay = syntheticHistory({ cohorts: 1, pairsPerCohort: 2, truth: NONE, noise: 1, seed: 4 }).map((p) => ({ ...p, cohortId: 'under-way', cohortStart: '2030-01-15' }));
    const s = split([...history, ...underWay]);
    expect(s.ready).toBe(true);
    if (!s.ready) return;
    expect(s.testCohortId).toBe('cohort-3');
    expect(s.test).toHaveLength(120);
    expect(new Set(s.train.map((p) => p.cohortId))).toEqual(new Set(['cohort-1', 'cohort-2']));
  });

  it('says what evidence is missing: one cohort, or too few rated pairs of a kind', () => {
    const one = split(syntheticHistory({ cohorts: 1, pairsPerCohort: 50, truth: NONE, noise: 1, seed: 1 }));
    expect(one).toEqual({ ready: false, reason: expect.stringMatching(/at least two cohorts.*there is one/) });
    const small = split(syntheticHistory({ cohorts: 2, pairsPerCohort: 12, truth: NONE, noise: 1, seed: 1 }));
    expect(small.ready).toBe(false);
    expect(!small.ready && small.reason).toMatch(/at least 30 rated pairs in the earlier cohorts.*they have 12/);
  });
});
