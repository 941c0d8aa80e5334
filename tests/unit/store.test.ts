import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, DatabaseTooNewError } from '../../src/core/db/open';
import { LATEST_VERSION, MIGRATIONS } from '../../src/core/db/migrations';
import { applyFolded, foldChanges } from '../../src/core/db/replay';
import { TRACKED_TABLES } from '../../src/core/db/schema';
import { runImport } from '../../src/core/import';
import { updateMember, listMembers, removeMember } from '../../src/core/participants/members';
import { createCohort, createProgram, updateCohort } from '../../src/core/programs/programs';
import { generateRegistrationCsv } from '../../src/core/sample/generate';
import { runMatchNow } from '../../src/core/runs/runs';
import { activePairs, dissolvePair, publishRun } from '../../src/core/pairs/publish';
import { addSession, removeSession, updateSession } from '../../src/core/sessions/sessions';
import { bytes, tempDir, tempStore } from './temp';
import { defineSurvey } from '../../src/core/feedback/surveys';
import { importResponses } from '../../src/core/feedback/responses';
import { importRatings } from '../../src/core/feedback/ratings-import';

describe('workspace database', () => {
  it('opens with WAL, foreign keys and the latest schema version', async () => {
    const store = await tempStore();
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });

  it('refuses a file written by a newer Pairwise and leaves it untouched', async () => {
    const path = join(tempDir(), 'future.sqlite');
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    await expect(openStore(path)).rejects.toThrow(DatabaseTooNewError);
    await expect(openStore(path)).rejects.toThrow(/newer version of Pairwise/);
    const check = new BetterSqlite3(path);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    check.close();
  });

  it('backs the file up before migrating an older schema, and the backup keeps the old data', async () => {
    const dir = tempDir();
    const path = join(dir, 'workspace.sqlite');
    const v1 = await openStore(path);
    createProgram(v1, { name: 'Before the upgrade' });
    v1.close();

    const upgrade = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'test upgrade', sql: 'CREATE TABLE upgraded (x TEXT);' }];
    const backup = join(dir, 'backup.sqlite');
    const upgraded = await openStore(path, { migrations: upgrade, backupPath: () => backup });
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    upgraded.close();

    const saved = new BetterSqlite3(backup, { readonly: true });
    expect(saved.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(saved.prepare('SELECT name FROM programs').all()).toEqual([{ name: 'Before the upgrade' }]);
    saved.close();
  });

  it('rolls a failing migration back whole', async () => {
    const dir = tempDir();
    const path = join(dir, 'workspace.sqlite');
    (await openStore(path)).close();
    const broken = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half (x TEXT); SELECT * FROM no_such_table;' }];
    await expect(openStore(path, { migrations: broken, backupPath: () => join(dir, 'b.sqlite') })).rejects.toThrow(/no_such_table/);
    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all()).toEqual([]);
    check.close();
  });

  it('records a change row for every column it writes, in the same transaction', async () => {
    const store = await tempStore();
    const program = createProgram(store, { name: 'Women in Tech' });
    const changes = store.sqlite.prepare('SELECT * FROM changes WHERE row_id = ?').all(program.id) as { col: string; value: string }[];
    expect(changes.map((c) => c.col).sort()).toEqual(['archived_at', 'created_at', 'name', 'name_key', 'settings', 'updated_at']);
    expect(changes.find((c) => c.col === 'name')!.value).toBe('"Women in Tech"');

    const before = store.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number };
    expect(() =>
      store.transact((w) => {
        w.update('programs', program.id, { name: 'Renamed' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    const after = store.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number };
    expect(after.n).toBe(before.n);
  });

  it('replaying the change rows into an empty database reproduces every row', async () => {
    const store = await tempStore('source.sqlite');
    const program = createProgram(store, { name: 'Mentoring 2026' });
    const cohort = createCohort(store, { programId: program.id, name: 'Spring', startDate: '2026-03-01' });
    await runImport(store, {
      cohortId: cohort.id,
      fileName: 'c.csv',
      bytes: bytes(generateRegistrationCsv({ mentors: 5, mentees: 12, seed: 7 })),
      skipInvalid: false,
    });
    const [first, second] = listMembers(store, cohort.id);
    updateMember(store, first!.id, { approval: 'approved', capacity: 3, interests: ['go', 'rust'] });
    removeMember(store, second!.id);
    const run = await runMatchNow(store, { cohortId: cohort.id, settings: { rules: { timezone: { kind: 'max-offset-diff', hours: 6 } } } });
    publishRun(store, run.id);
    const [pair, other] = activePairs(store, cohort.id);
    const kept = addSession(store, { pairId: other!.id, localStart: '2026-03-10T18:00', zoneOf: 'mentor', durationMinutes: 60, format: 'video', status: 'planned', notes: '', topics: [] });
    updateSession(store, { id: kept.id, status: 'held', topics: ['career'] });
    removeSession(store, addSession(store, { pairId: other!.id, localStart: '2026-03-17T18:00', zoneOf: 'mentee', durationMinutes: 30, format: 'phone', status: 'planned', notes: '', topics: [] }).id);
    dissolvePair(store, pair!.id);
    store.transact((w) => {
      w.update('cohorts', cohort.id, { matching_settings: JSON.stringify({ rules: { timezone: { kind: 'max-offset-diff', hours: 6 } } }) });
      const edit = { cohort_id: cohort.id, mentee_id: pair!.menteeId, mentor_id: pair!.mentorId, capacity: null, payload: null };
      w.insert('matching_edits', { ...edit, position: 1, kind: 'lock', undone: 0 });
      const undone = w.insert('matching_edits', { ...edit, position: 2, kind: 'forbid', undone: 0 });
      w.update('matching_edits', undone, { undone: 1 });
    });
    // Feedback: an anonymous survey imported twice (the first set emptied and tombstoned) and a pair rating.
    const answering = listMembers(store, cohort.id);
    const survey = defineSurvey(store, { cohortId: cohort.id, title: 'Mid-point', anonymous: true, roles: ['mentor', 'mentee'], groupBy: ['role'], minGroupSize: 3, questions: [{ id: 'q', type: 'text', text: 'Anything?', options: [], scaleMin: 1, scaleMax: 7 }] });
    const answers = bytes(['Email,Anything?', ...answering.map((m, i) => `${m.email},note ${i}`)].join('\n'));
    for (let i = 0; i < 2; i++) await importResponses(store, { fileName: 's.csv', bytes: answers, surveyId: survey.id, skipInvalid: false }, new Date('2026-03-20T00:00:00Z'));
    const rater = answering.find((m) => m.id === other!.menteeId)!;
    await importRatings(store, { fileName: 'r.csv', bytes: bytes(`Email,Rate the match\n${rater.email},4`), cohortId: cohort.id, skipInvalid: false }, new Date('2026-03-20T00:00:00Z'));
    updateCohort(store, { id: cohort.id, name: 'Spring 2026', archived: true });

    const changes = store.sqlite.prepare('SELECT hlc, tbl, row_id, col, value FROM changes').all() as Parameters<typeof foldChanges>[0];
    const replica = await tempStore('replica.sqlite');
    applyFolded(replica, foldChanges(changes));
    // Every table replays to the same rows; the tables this story writes must hold some. (Every tracked
    // table, each with rows, is replayed in schema-snapshot.test.ts.)
    const written = ['programs', 'cohorts', 'people', 'cohort_members', 'match_runs', 'publications', 'pairs', 'matching_edits', 'surveys', 'survey_responses', 'pair_ratings'];
    for (const table of TRACKED_TABLES) {
      const dump = (s: typeof store) => s.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
      expect(dump(replica), table).toEqual(dump(store));
      if (written.includes(table)) expect(dump(store).length, table).toBeGreaterThan(0);
    }
  });

  it('keeps deleted members as tombstones and hides them from lists', async () => {
    const store = await tempStore();
    const program = createProgram(store, { name: 'P' });
    const cohort = createCohort(store, { programId: program.id, name: 'C' });
    await runImport(store, { cohortId: cohort.id, fileName: 'c.csv', bytes: bytes(generateRegistrationCsv({ mentors: 1, mentees: 2 })), skipInvalid: false });
    const [victim] = listMembers(store, cohort.id);
    removeMember(store, victim!.id);
    expect(listMembers(store, cohort.id).map((m) => m.id)).not.toContain(victim!.id);
    const row = store.sqlite.prepare('SELECT deleted_at FROM cohort_members WHERE id = ?').get(victim!.id) as { deleted_at: string | null };
    expect(row.deleted_at).not.toBeNull();
  });
});
