import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, INTERNAL_MESSAGE } from '../../src/core/api/dispatch';
import { createHandlers, type Handlers } from '../../src/core/api/handlers';
import type { MethodName, MethodOutput } from '../../src/core/api/contract';
import { runImport } from '../../src/core/import';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { generateRegistrationCsv } from '../../src/core/sample/generate';
import { bytes, tempStore } from './temp';

async function call<M extends MethodName>(handlers: Handlers, method: M, input: unknown): Promise<MethodOutput<M>> {
  const result = await dispatch(handlers, method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as MethodOutput<M>;
}

describe('adjusting a run with cohort-wide constraints', () => {
  it('ranks moves and finds extra slots when the run used the MIP (side constraints), rule-keeping moves first', async () => {
    const store = await tempStore();
    const cohort = ensureProgramAndCohort(store, 'P', 'C');
    await runImport(store, { cohortId: cohort.id, fileName: 'c.csv', bytes: bytes(generateRegistrationCsv({ mentors: 6, mentees: 12, seed: 3 })), skipInvalid: false });
    const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources') });
    await call(handlers, 'settings.save', {
      cohortId: cohort.id,
      settings: { mentorAttributeCaps: [{ attribute: 'department', max: 1 }], rules: { timezone: { kind: 'max-offset-diff', hours: 4 } } },
    });
    const started = await call(handlers, 'runs.start', { cohortId: cohort.id });
    expect((await call(handlers, 'runs.wait', { runId: started.id })).state).toBe('done');
    const run = await call(handlers, 'runs.get', { runId: started.id });
    expect(run.result.stats.solver).toBe('mip');

    const mentee = run.result.assignments[0]!;
    const moves = await call(handlers, 'runs.moveCandidates', { runId: run.id, menteeId: mentee.menteeId });
    expect(moves[0]).toMatchObject({ mentorId: mentee.mentorId, current: true, delta: 0 });
    const firstBreaking = moves.findIndex((m) => m.brokenRules.length > 0);
    if (firstBreaking >= 0) expect(moves.slice(firstBreaking).every((m) => m.brokenRules.length > 0)).toBe(true);
    // The run is optimal under its rules: no rule-keeping move can beat it (a rule-breaking one may, by breaking a rule).
    expect(moves.filter((m) => !m.current && m.brokenRules.length === 0).every((m) => m.delta <= 1e-9)).toBe(true);
    // Which mentee has a rule-keeping alternative depends on which of several equal optima the MIP returns:
    // look over a few mentees rather than assume the first has one.
    let keeping = moves.filter((m) => !m.current && m.brokenRules.length === 0).length;
    for (const other of run.result.assignments.slice(1, 6)) {
      if (keeping > 0) break;
      const more = await call(handlers, 'runs.moveCandidates', { runId: run.id, menteeId: other.menteeId });
      expect(more.filter((m) => !m.current && m.brokenRules.length === 0).every((m) => m.delta <= 1e-9)).toBe(true);
      keeping = more.filter((m) => !m.current && m.brokenRules.length === 0).length;
    }
    expect(keeping).toBeGreaterThan(0);

    const slot = await call(handlers, 'runs.extraSlot', { runId: run.id, mentorId: mentee.mentorId });
    expect(slot.matchedDelta).toBeGreaterThanOrEqual(0);
  });

  it('never shows a coordinator an internal error message: a bug reads as what happened and what to do', async () => {
    const store = await tempStore();
    const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources') });
    const failing = { ...handlers, 'programs.list': () => { throw new TypeError("Cannot read properties of undefined (reading 'x')"); } } as unknown as Handlers;
    const result = await dispatch(failing, 'programs.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    expect(INTERNAL_MESSAGE).toContain('Nothing was changed');
  });
});
