import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/core/api/contract';
import { dispatch } from '../../../src/core/api/dispatch';
import { createHandlers } from '../../../src/core/api/handlers';
import { criterionShares, MatchSettings } from '../../../src/core/matching/settings';
import { tempStore } from '../temp';

const resourcesDir = resolve(import.meta.dirname, '../../../resources');

async function api() {
  const store = await tempStore();
  let clock = new Date('2026-12-01T10:00:00Z');
  const raw = createHandlers({ store, resourcesDir, now: () => clock });
  /** Calls through dispatch, as every transport does (inputs parsed, defaults filled); failures throw their message. */
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await dispatch(raw, method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as MethodOutput<M>;
  }
  return { store, call, setClock: (d: Date) => (clock = d) };
}

describe('the learned score on the sample program', () => {
  it('is not available before two cohorts are rated, and says why', async () => {
    const { call } = await api();
    const { program, cohort } = await call('sample.load', {});
    const status = await call('learning.status', { programId: program.id });
    expect(status).toMatchObject({ ratedPairs: 0, ready: false, model: null });
    expect(status.reason).toMatch(/at least two cohorts/);
    await expect(call('learning.train', { programId: program.id })).rejects.toThrow(/Not enough rated pairs/);
    await expect(call('runs.start', { cohortId: cohort.id, settings: { score: { source: 'learned' } } })).rejects.toThrow(/no learned score yet/);
  });

  it('compares the learned score with the coordinator\'s own hand-set weights, not the defaults', async () => {
    const { call } = await api();
    const { program } = await call('sample.load', {});
    await call('sample.loadHistory', {});
    const withDefaults = await call('learning.train', { programId: program.id });
    // A coordinator who already weighs availability overlap alone, what the sample's ratings follow most.
    const criteria = MatchSettings.parse({}).criteria;
    const theirs = { ...criteria, content: { ...criteria.content, enabled: false }, language: { ...criteria.language, enabled: false }, seniority: { ...criteria.seniority, enabled: false }, department: { ...criteria.department, enabled: false } };
    const withTheirs = await call('learning.train', { programId: program.id, criteria: theirs });
    expect(withTheirs.evaluation.hand.auc).not.toBeCloseTo(withDefaults.evaluation.hand.auc!, 3);
    expect(withTheirs.evaluation.hand.auc!).toBeGreaterThan(withDefaults.evaluation.hand.auc!);
  });

  it('learns the hidden preference from two past cohorts, evaluates it on the latest, and a run with it is certified optimal and remembers the model', async () => {
    const { call } = await api();
    const { program, cohort } = await call('sample.load', {});
    const history = await call('sample.loadHistory', {});
    expect(history.added).toBe(true);
    expect(history.ratedPairs).toBeGreaterThan(60);
    expect((await call('sample.loadHistory', {})).added).toBe(false);

    const status = await call('learning.status', { programId: program.id });
    expect(status).toMatchObject({ ready: true, ratedCohorts: 2 });
    const model = await call('learning.train', { programId: program.id });
    expect(model.version).toBe(1);
    // The sample's ratings follow availability overlap, then a different department, never topics: the model says so.
    expect(model.effects.slice(0, 2).map((e) => e.criterion)).toEqual(['availability', 'department']);
    expect(model.effects.find((e) => e.criterion === 'content')!.share).toBeLessThan(0.1);
    expect(model.summary).toMatch(/^Availability overlap mattered most; .*topics.* did not \(\d+ rated pairs in 2 cohorts\)\.$/);
    expect(model.evaluation.testCohortName).toBe('Autumn 2026');
    expect(model.evaluation.learned.auc!).toBeGreaterThan(model.evaluation.hand.auc!);
    expect(model.evaluation.recommended).toBe(true);

    const finish = async (settings: MethodInput<'runs.start'>['settings']) => {
      const started = await call('runs.start', { cohortId: cohort.id, settings });
      const done = await call('runs.wait', { runId: started.id });
      expect(done.state).toBe('done');
      return call('runs.get', { runId: done.id });
    };
    const learnedRun = await finish({ score: { source: 'learned' } });
    const handRun = await finish({});
    expect(learnedRun.optimal).toBe(true);
    expect(learnedRun.settings.score).toMatchObject({ source: 'learned', model: { id: model.id, version: 1 } });
    expect(handRun.settings.score.model).toBeNull();
    // The learned run scores with the model's weights, so its pairs differ from the hand-set run's.
    const shares = criterionShares(learnedRun.settings.criteria, learnedRun.settings.score).weight;
    expect(shares.content).toBeLessThan(0.1);
    const key = (r: typeof learnedRun) => r.result.assignments.map((a) => `${a.menteeId}:${a.mentorId}`).sort().join();
    expect(key(learnedRun)).not.toBe(key(handRun));

    // Retraining makes version 2; the old run still says it used version 1.
    const second = await call('learning.train', { programId: program.id });
    expect(second.version).toBe(2);
    expect((await call('runs.get', { runId: learnedRun.id })).settings.score.model?.version).toBe(1);
  });

  it('blends hand-set and learned shares by the slider', () => {
    const settings = MatchSettings.parse({
      score: { source: 'blend', blend: 0.25, model: { id: 'm', version: 1, weights: { content: 0, language: 0, seniority: 1, department: 0, availability: 1 } } },
    });
    const hand = criterionShares(settings.criteria).weight;
    const mixed = criterionShares(settings.criteria, settings.score).weight;
    expect(mixed.content).toBeCloseTo(0.75 * hand.content, 12);
    expect(mixed.seniority).toBeCloseTo(0.75 * hand.seniority + 0.25 * 0.5, 12);
    expect(Object.values(mixed).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});
