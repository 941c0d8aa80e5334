import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-run';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { openStore } from '../../src/core/db/open';
import { foldChanges, type ChangeRow } from '../../src/core/db/replay';
import { addEdit, cohortSettings, editsState, foldEdits, plannedSettings, redoEdit, removeEdit, saveCohortSettings, undoEdit } from '../../src/core/edits/edits';
import { runImport } from '../../src/core/import';
import { listMembers } from '../../src/core/participants/members';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { tempDir } from './temp';

const SAMPLE = join(__dirname, '../../resources/sample-cohort.csv');

async function sampleWorkspace() {
  const db = join(tempDir(), 'w.sqlite');
  const store = await openStore(db);
  const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
  await runImport(store, { cohortId: cohort.id, fileName: 'sample.csv', bytes: readFileSync(SAMPLE), skipInvalid: false });
  const members = listMembers(store, cohort.id);
  return { db, store, cohort, mentees: members.filter((m) => m.role === 'mentee'), mentors: members.filter((m) => m.role === 'mentor') };
}

describe('matching settings and edits live in the workspace file', () => {
  it('folds edits in order: a later lock of a mentee replaces the earlier one, a forbid lifts the lock of that pair, reset starts over', () => {
    const p = (menteeId: string, mentorId: string) => ({ menteeId, mentorId });
    expect(
      foldEdits([
        { kind: 'lock', ...p('e1', 'm1') },
        { kind: 'lock', ...p('e1', 'm2') },
        { kind: 'lock', ...p('e2', 'm1') },
        { kind: 'forbid', ...p('e2', 'm1') },
        { kind: 'capacity', mentorId: 'm1', capacity: 3 },
      ]),
    ).toEqual({ locks: [p('e1', 'm2')], forbids: [p('e2', 'm1')], capacity: { m1: 3 } });
    expect(foldEdits([{ kind: 'lock', ...p('e1', 'm1') }, { kind: 'reset', to: { locks: [], forbids: [], capacity: { m9: 0 } } }])).toEqual({
      locks: [],
      forbids: [],
      capacity: { m9: 0 },
    });
  });

  it('keeps settings, edits and their undo/redo history across closing and reopening the file, in the change log', async () => {
    const { db, store, cohort, mentees, mentors } = await sampleWorkspace();
    saveCohortSettings(store, cohort.id, { rules: { timezone: { kind: 'max-offset-diff', hours: 3 } }, criteria: { language: { weight: 4 } } });
    addEdit(store, cohort.id, { kind: 'lock', menteeId: mentees[0]!.id, mentorId: mentors[0]!.id });
    addEdit(store, cohort.id, { kind: 'forbid', menteeId: mentees[1]!.id, mentorId: mentors[1]!.id });
    addEdit(store, cohort.id, { kind: 'capacity', mentorId: mentors[2]!.id, capacity: 4 });
    undoEdit(store, cohort.id);
    store.close();

    const reopened = await openStore(db);
    expect(cohortSettings(reopened, cohort.id)).toMatchObject({ rules: { timezone: { kind: 'max-offset-diff', hours: 3 } }, criteria: { language: { weight: 4 } } });
    const state = editsState(reopened, cohort.id);
    expect(state.adjustments).toEqual({
      locks: [{ menteeId: mentees[0]!.id, mentorId: mentors[0]!.id }],
      forbids: [{ menteeId: mentees[1]!.id, mentorId: mentors[1]!.id }],
      capacity: {},
    });
    expect(state.redo).toEqual({ kind: 'capacity', mentorId: mentors[2]!.id, capacity: 4 });
    expect(redoEdit(reopened, cohort.id).adjustments.capacity).toEqual({ [mentors[2]!.id]: 4 });
    expect(undoEdit(reopened, cohort.id).undo).toMatchObject({ kind: 'forbid' });

    // A new edit drops what could have been redone, like any editor.
    const after = addEdit(reopened, cohort.id, { kind: 'capacity', mentorId: mentors[3]!.id, capacity: 0 });
    expect(after.redo).toBeNull();
    expect(after.adjustments.capacity).toEqual({ [mentors[3]!.id]: 0 });

    // The next run's settings are the saved ones with the edits applied; the change log rebuilds them all.
    expect(plannedSettings(reopened, cohort.id)).toMatchObject({ rules: { timezone: { hours: 3 } }, capacityOverrides: { [mentors[3]!.id]: 0 } });
    const tables = foldChanges(reopened.sqlite.prepare('SELECT hlc, tbl, row_id, col, value FROM changes').all() as ChangeRow[]);
    expect(tables.get('matching_edits')?.size).toBe(4);
    expect(String(tables.get('cohorts')?.get(cohort.id)?.matching_settings)).toContain('"hours":3');
    reopened.close();
  });

  it('refuses edits of a cohort that does not exist, and settings that break the rules of the contract', async () => {
    const { db } = await sampleWorkspace();
    const store = await openStore(db);
    const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources') });
    expect(await dispatch(handlers, 'edits.add', { cohortId: 'nope', edit: { kind: 'capacity', mentorId: 'm', capacity: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    const cohort = (await dispatch(handlers, 'cohorts.find', { name: 'Spring' })) as { ok: true; value: { id: string } };
    const bad = await dispatch(handlers, 'settings.save', { cohortId: cohort.value.id, settings: { rules: { timezone: { kind: 'max-offset-diff', hours: 30 } } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    store.close();
  });
});

describe('the CLI honours what the coordinator decided in the app', () => {
  it('match keeps a pair locked in the workspace and the saved time-zone rule; rematch keeps published pairs', async () => {
    const { db, store, cohort, mentees, mentors } = await sampleWorkspace();
    // The pair a coordinator locked in the UI: a mentee with a mentor the optimum would not give them.
    const free = await cli('match', '--db', db, '--cohort', 'Spring', '--json');
    const first = JSON.parse(free.stdout) as { assignments: { mentee: string; mentor: string; locked: boolean }[] };
    const mentee = mentees[0]!;
    const unlikely = mentors.find((m) => m.email !== first.assignments.find((a) => a.mentee === mentee.email)?.mentor)!;
    addEdit(store, cohort.id, { kind: 'lock', menteeId: mentee.id, mentorId: unlikely.id });
    saveCohortSettings(store, cohort.id, { rules: { timezone: { kind: 'max-offset-diff', hours: 5 } } });

    const locked = await cli('match', '--db', db, '--cohort', 'Spring', '--json');
    expect(locked.code).toBe(0);
    const run = JSON.parse(locked.stdout) as { runId: string; assignments: { mentee: string; mentor: string; locked: boolean; tzDiffHours: number | null }[] };
    expect(run.assignments.find((a) => a.mentee === mentee.email)).toMatchObject({ mentor: unlikely.email, locked: true });
    expect(run.assignments.filter((a) => !a.locked).every((a) => a.tzDiffHours === null || a.tzDiffHours <= 5)).toBe(true);

    // An option overrides the saved rule for this run only; the lock still holds.
    const wide = JSON.parse((await cli('match', '--db', db, '--cohort', 'Spring', '--max-tz-diff', '12', '--json')).stdout) as typeof run;
    expect(wide.assignments.find((a) => a.mentee === mentee.email)).toMatchObject({ mentor: unlikely.email, locked: true });
    expect(cohortSettings(store, cohort.id).rules.timezone).toEqual({ kind: 'max-offset-diff', hours: 5 });

    expect(await cli('rematch', '--db', db, '--cohort', 'Spring')).toMatchObject({ code: 1, stderr: expect.stringContaining('publish a run first') });
    const published = await cli('publish', '--db', db, '--cohort', 'Spring', '--run', 'Run 2');
    expect(published).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Published Run 2 of Spring: \d+ new pairs, 0 kept, 0 ended\.$/) });
    const rematch = await cli('rematch', '--db', db, '--cohort', 'Spring', '--json');
    expect(rematch.code).toBe(0);
    const again = JSON.parse(rematch.stdout) as typeof run;
    for (const pair of run.assignments) expect(again.assignments).toContainEqual(expect.objectContaining({ mentee: pair.mentee, mentor: pair.mentor, locked: true }));
    store.close();
  });

  it('exports a run to a file and reaches any method through call, with the exit codes of the contract', async () => {
    const { db, store } = await sampleWorkspace();
    store.close();
    expect((await cli('export', '--db', db, '--cohort', 'Spring', '--format', 'csv', '--out', join(tempDir(), 'x.csv'))).stderr).toBe(
      'This cohort has no runs yet: run "match" first',
    );
    await cli('match', '--db', db, '--cohort', 'Spring');
    const out = join(tempDir(), 'pairs.csv');
    expect(await cli('export', '--db', db, '--cohort', 'Spring', '--format', 'csv', '--out', out)).toMatchObject({ code: 0, stdout: `Saved Run 1 of Spring as ${out}` });
    expect(readFileSync(out, 'utf8')).toContain('Mentee email');
    expect((await cli('export', '--db', db, '--cohort', 'Spring', '--format', 'pdf', '--out', out)).code).toBe(2);

    const listed = await cli('call', 'programs.list', '{}', '--db', db);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ name: 'Mentoring' }]);
    expect((await cli('call', '--list')).stdout.split('\n')).toContain('runs.rematch');
    expect(await cli('call', 'programs.drop', '{}', '--db', db)).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown method "programs.drop"') });
    expect(await cli('call', 'programs.create', '{"name": 5}', '--db', db)).toMatchObject({ code: 2, stderr: expect.stringContaining('Invalid input for programs.create') });
    expect(await cli('call', 'members.remove', '{"id": "nobody"}', '--db', db)).toMatchObject({ code: 1, stderr: 'No cohort member with id nobody' });
    expect((await cli('call', 'programs.list', 'not json', '--db', db)).code).toBe(2);
  });
});

describe('taking back one edit by itself', () => {
  it('unlocks one pair, allows one forbidden pair or restores one capacity, leaving the others, as one undoable edit', async () => {
    const { store, cohort, mentees, mentors } = await sampleWorkspace();
    const lockA = { menteeId: mentees[0]!.id, mentorId: mentors[0]!.id };
    const lockB = { menteeId: mentees[1]!.id, mentorId: mentors[1]!.id };
    const ban = { menteeId: mentees[2]!.id, mentorId: mentors[2]!.id };
    addEdit(store, cohort.id, { kind: 'reset', to: { locks: [lockA, lockB], forbids: [ban], capacity: { [mentors[3]!.id]: 5 } } });
    expect(removeEdit(store, cohort.id, { kind: 'lock', menteeId: lockA.menteeId }).adjustments.locks).toEqual([lockB]);
    expect(removeEdit(store, cohort.id, { kind: 'forbid', ...ban }).adjustments.forbids).toEqual([]);
    const state = removeEdit(store, cohort.id, { kind: 'capacity', mentorId: mentors[3]!.id });
    expect(state.adjustments).toEqual({ locks: [lockB], forbids: [], capacity: {} });
    expect(() => removeEdit(store, cohort.id, { kind: 'lock', menteeId: lockA.menteeId })).toThrow('no longer pending');
    expect(undoEdit(store, cohort.id).adjustments.capacity).toEqual({ [mentors[3]!.id]: 5 });
    store.close();
  });
});
