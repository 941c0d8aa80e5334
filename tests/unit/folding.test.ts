import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldKey } from '../../src/core/db/fold';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { openStore } from '../../src/core/db/open';
import { applyFolded, foldChanges } from '../../src/core/db/replay';
import { TRACKED_TABLES } from '../../src/core/db/schema';
import type { Store } from '../../src/core/db/store';
import { updateMember, listMembers } from '../../src/core/participants/members';
import { addMember } from '../../src/core/participants/roster';
import { createCohort, createProgram, findProgramByName, resolveCohortByName } from '../../src/core/programs/programs';
import { cli } from './cli-run';
import { tempDir, tempStore } from './temp';

describe('foldKey: one way to compare names and emails', () => {
  it('folds case beyond ASCII, whatever the Unicode form', () => {
    expect(foldKey('Équipe')).toBe(foldKey('ÉQUIPE'));
    expect(foldKey('E\u0301te\u0301')).toBe(foldKey('Été')); // decomposed é (NFD) = precomposed
    expect(foldKey('  Été   2026 ')).toBe('été 2026');
    expect(foldKey('Été')).not.toBe(foldKey('Ete')); // accents stay significant
  });

  it('Turkish dotted and dotless i, German sharp s, Greek final sigma', () => {
    // İ/i and I/ı all fold to i: İSTANBUL typed in capitals finds İstanbul, KADIKÖY finds Kadıköy.
    for (const name of ['İstanbul', 'ISTANBUL', 'istanbul', 'ıstanbul', 'İSTANBUL']) expect(foldKey(name), name).toBe('istanbul');
    expect(foldKey('KADIKÖY')).toBe(foldKey('Kadıköy'));
    expect(foldKey('Straße')).toBe(foldKey('STRASSE'));
    expect(foldKey('GROẞ')).toBe(foldKey('gross'));
    expect(foldKey('straße@example.de')).toBe('strasse@example.de');
    // Σ at the end of a word folds to final ς however it was typed; inside a word to σ.
    expect(foldKey('ΟΔΟΣ')).toBe('οδος');
    expect(foldKey('οδοσ')).toBe('οδος');
    expect(foldKey('ΣΟΦΙΑ')).toBe(foldKey('Σοφία'.normalize('NFD').replace(/\u0301/g, '')));
  });

  it('is idempotent and blind to case for every code point of the planes with cased letters (0 and 1)', () => {
    const bad: string[] = [];
    for (let cp = 0; cp <= 0x1ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const f = foldKey(c);
      if (foldKey(f) !== f || foldKey(c.toUpperCase()) !== f || foldKey(c.toLowerCase()) !== f) bad.push(cp.toString(16));
    }
    expect(bad).toEqual([]);
  });
});

const CSV = [
  'Full name,Email Address,I want to be a…,Time zone,Max mentees,Interests,Expertise',
  'Ana Ruiz,ana@example.org,Mentor,Europe/Berlin,2,,"system design, leadership"',
  'Ben Li,ben@example.org,Mentee,Europe/Paris,,"system design",',
  'Çağla Şahin,cagla@example.org,Mentee,Europe/Istanbul,,leadership,',
].join('\n');

describe('the Équipe / Été reproduction, through the CLI', () => {
  it('importing the same file twice makes one program, one cohort and each person once; match finds the cohort', async () => {
    const dir = tempDir();
    const db = join(dir, 'w.sqlite');
    const file = join(dir, 'equipe.csv');
    writeFileSync(file, CSV);

    const first = await cli('import', file, '--db', db, '--program', 'Équipe', '--cohort', 'Été');
    expect(first).toMatchObject({ code: 0, stdout: 'Imported into Équipe / Été: 3 added, 0 updated, 0 unchanged, 0 skipped.' });
    // Capitals, and the decomposed form some keyboards and file systems produce.
    const second = await cli('import', file, '--db', db, '--program', 'ÉQUIPE', '--cohort', 'E\u0301TE\u0301');
    expect(second).toMatchObject({ code: 0, stdout: 'Imported into Équipe / Été: 0 added, 0 updated, 3 unchanged, 0 skipped.' });

    const programs = JSON.parse((await cli('call', 'programs.list', '{}', '--db', db)).stdout) as { name: string }[];
    expect(programs.map((p) => p.name)).toEqual(['Équipe']);
    const cohorts = JSON.parse((await cli('call', 'cohorts.list', '{}', '--db', db)).stdout) as { name: string }[];
    expect(cohorts.map((c) => c.name)).toEqual(['Été']);
    const people = JSON.parse((await cli('people', '--db', db, '--cohort', 'été', '--program', 'équipe', '--json')).stdout) as { email: string }[];
    expect(people.map((p) => p.email).sort()).toEqual(['ana@example.org', 'ben@example.org', 'cagla@example.org']);

    const match = await cli('match', '--db', db, '--cohort', 'Été');
    expect(match.code).toBe(0);
    expect(match.stderr).not.toContain('No cohort named');
  });

  it('the app refuses a second program or cohort whose name folds alike, and an email that folds like another person’s', async () => {
    const store = await tempStore();
    const program = createProgram(store, { name: 'Équipe' });
    expect(() => createProgram(store, { name: 'ÉQUIPE' })).toThrow('A program named "Équipe" already exists');
    expect(findProgramByName(store, 'e\u0301quipe')?.id).toBe(program.id);
    const cohort = createCohort(store, { programId: program.id, name: 'Été' });
    expect(() => createCohort(store, { programId: program.id, name: 'ÉTÉ' })).toThrow('This program already has a cohort named "ÉTÉ"');
    expect(resolveCohortByName(store, 'ÉTÉ').id).toBe(cohort.id);
    // The unique indexes hold even for a writer that skips the checks.
    expect(() => store.transact((w) => w.insert('programs', { name: 'équipe', settings: '{}', archived_at: null }))).toThrow(/UNIQUE/);

    const dir = tempDir();
    writeFileSync(join(dir, 'c.csv'), 'Full name,Email Address,I want to be a…\nA,straße@example.de,Mentor\nB,b@example.de,Mentee\n');
    expect(await cli('import', join(dir, 'c.csv'), '--db', store.path, '--program', 'Équipe', '--cohort', 'Été')).toMatchObject({ code: 0 });
    const b = listMembers(store, cohort.id).find((m) => m.email === 'b@example.de')!;
    expect(() => updateMember(store, b.id, { email: 'STRASSE@example.de' })).toThrow('strasse@example.de already belongs to A in this program');
    // Added by hand: the same person, not a second one (and not an overwrite of A's record).
    expect(() => addMember(store, cohort.id, { fullName: 'Someone Else', email: 'STRASSE@example.de', role: 'mentee' })).toThrow(
      'straße@example.de is already in Été as A',
    );
    expect(listMembers(store, cohort.id).map((m) => m.fullName).sort()).toEqual(['A', 'B']);
  });
});

type Rows = Record<string, unknown>[];
const dump = (store: Store, table: string): Rows => store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Rows;
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * A version-4 workspace as the ASCII-only comparison left it: "Équipe" imported twice (two programs,
 * each with cohort "Été" and the same people), plus, in the first program, a second cohort "ÉTÉ" and a
 * person whose email folds like another's (straße / strasse). Each side has a run, a publication with
 * an active pair and an edit.
 */
async function version4WithDuplicates(path: string) {
  const v4 = await openStore(path, { migrations: MIGRATIONS.slice(0, 4) });
  const ids: Record<string, string> = {};
  const side = (programId: string, cohortName: string, people: Record<string, string>, publishedAt: string, tag: string) => {
    v4.transact((w) => {
      const cohort = w.insert('cohorts', { program_id: programId, name: cohortName, start_date: null, archived_at: null, matching_settings: null } as { program_id: string; name: string; start_date: null; archived_at: null; matching_settings: null; closed_at: null; summary: null });
      const members: Record<string, string> = {};
      for (const [key, personId] of Object.entries(people)) {
        members[key] = w.insert('cohort_members', {
          cohort_id: cohort,
          person_id: personId,
          role: key === 'ana' ? 'mentor' : 'mentee',
          capacity: key === 'ana' ? 2 : 0,
          timezone: 'Europe/Paris',
          interests: '[]',
          expertise: '[]',
          languages: '[]',
          goals: '',
          bio: '',
          department: null,
          team: null,
          manager_email: null,
          seniority_years: null,
          availability: '[]',
          approval: 'pending',
        });
      }
      const result = JSON.stringify({ assignments: [{ menteeId: members.ben, mentorId: members.ana, score: 0.5 }] });
      const run = w.insert('match_runs', { cohort_id: cohort, name: 'Run 1', status: 'published', settings: '{}', result, matched: 1, unmatched: 0, total_score: 0.5, optimal: 1, insights: '{}' });
      const publication = w.insert('publications', { cohort_id: cohort, run_id: run, published_at: publishedAt, pair_count: 1 });
      // A version-4 pair: cadence_days (migration 8) did not exist yet.
      const v4Pair = { cohort_id: cohort, mentee_id: members.ben!, mentor_id: members.ana!, publication_id: publication, status: 'active', score: 0.5, started_at: publishedAt, ended_at: null } as const;
      const pair = w.insert('pairs', v4Pair as typeof v4Pair & { cadence_days: null; close_outcome: null; close_reason: null; named_in_reports: 0 });
      w.insert('matching_edits', { cohort_id: cohort, position: 1, kind: 'lock', mentee_id: members.ben!, mentor_id: members.ana!, capacity: null, payload: null, undone: 0 });
      Object.assign(ids, { [`cohort${tag}`]: cohort, [`run${tag}`]: run, [`pair${tag}`]: pair }, Object.fromEntries(Object.entries(members).map(([k, v]) => [`${k}${tag}`, v])));
    });
  };
  const person = (w: Parameters<Parameters<Store['transact']>[0]>[0], programId: string, email: string, name: string) =>
    w.insert('people', { program_id: programId, email, full_name: name });

  const a = v4.transact((w) => {
    const program = w.insert('programs', { name: 'Équipe', settings: '{}', archived_at: null });
    return { program, ana: person(w, program, 'ana@example.org', 'Ana Ruiz'), ben: person(w, program, 'ben@example.org', 'Ben Li') };
  });
  side(a.program, 'Été', { ana: a.ana, ben: a.ben }, '2026-03-01T09:00:00.000Z', 'A');
  await pause();
  const b = v4.transact((w) => {
    const program = w.insert('programs', { name: 'Équipe', settings: '{}', archived_at: null });
    return { program, ana: person(w, program, 'ana@example.org', 'Ana Ruiz'), ben: person(w, program, 'ben@example.org', 'Ben Li') };
  });
  side(b.program, 'Été', { ana: b.ana, ben: b.ben }, '2026-04-01T09:00:00.000Z', 'B'); // published last: its pair stays active
  await pause();
  // In the first program: a second "ÉTÉ" with Ana in it, and a person whose email folds like another's.
  const strasse = [v4.transact((w) => person(w, a.program, 'strasse@example.de', 'S. One'))];
  await pause();
  strasse.push(v4.transact((w) => person(w, a.program, 'straße@example.de', 'S. Two')));
  v4.transact((w) => {
    const cohort = w.insert('cohorts', { program_id: a.program, name: 'ÉTÉ', start_date: '2026-09-01', archived_at: null, matching_settings: null } as { program_id: string; name: string; start_date: string; archived_at: null; matching_settings: null; closed_at: null; summary: null });
    ids.cohortC = cohort;
    const member = (personId: string) =>
      w.insert('cohort_members', { cohort_id: cohort, person_id: personId, role: 'mentee', capacity: 0, timezone: null, interests: '[]', expertise: '[]', languages: '[]', goals: '', bio: '', department: null, team: null, manager_email: null, seniority_years: null, availability: '[]', approval: 'pending' });
    ids.anaC = member(a.ana);
    ids.strasse1 = member(strasse[0]!);
    ids.strasse2 = member(strasse[1]!);
    w.remove('cohort_members', member(b.ben)); // a removed member: its tombstone follows the merge too
  });
  v4.close();
  return { ids, programs: { a: a.program, b: b.program }, people: { anaA: a.ana, anaB: b.ana, benA: a.ben, benB: b.ben, strasse } };
}

describe('migration 5: folded keys, duplicates merged', () => {
  it('merges a version-4 workspace’s duplicates into one program, cohort and person each, keeping every member and all history', async () => {
    const dir = tempDir();
    const path = join(dir, 'workspace.sqlite');
    const { ids, programs, people } = await version4WithDuplicates(path);

    const store = await openStore(path, { backupPath: () => join(dir, 'v4.backup.sqlite') });
    try {
      const live = (table: string) => store.sqlite.prepare(`SELECT * FROM ${table} WHERE deleted_at IS NULL ORDER BY created_at, id`).all() as Rows;
      expect(live('programs')).toEqual([expect.objectContaining({ id: programs.a, name: 'Équipe', name_key: 'équipe' })]);
      expect(live('cohorts')).toEqual([expect.objectContaining({ id: ids.cohortA, program_id: programs.a, name: 'Été', name_key: 'été', start_date: '2026-09-01' })]);
      const byKey = (a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1]));
      expect(live('people').map((p) => [p.id, p.email_key]).sort(byKey)).toEqual([
        [people.anaA, 'ana@example.org'],
        [people.benA, 'ben@example.org'],
        [people.strasse[0], 'strasse@example.de'],
      ]);
      // Every member is there once: Ana (in all three cohorts), Ben (in two), and the straße/strasse person.
      expect(live('cohort_members').map((m) => [m.id, m.cohort_id, m.person_id]).sort()).toEqual(
        [
          [ids.anaA, ids.cohortA, people.anaA],
          [ids.benA, ids.cohortA, people.benA],
          [ids.strasse1, ids.cohortA, people.strasse[0]],
        ].sort(),
      );
      // Nothing was deleted: duplicates are tombstones, their children point at the survivors.
      expect(dump(store, 'programs')).toHaveLength(2);
      expect(dump(store, 'cohorts').map((c) => [c.id, c.program_id, c.deleted_at === null])).toEqual(
        expect.arrayContaining([[ids.cohortA, programs.a, true], [ids.cohortB, programs.a, false], [ids.cohortC, programs.a, false]]),
      );
      expect(dump(store, 'people').every((p) => p.program_id === programs.a)).toBe(true);
      expect(dump(store, 'cohort_members').every((m) => m.cohort_id === ids.cohortA)).toBe(true);
      expect(dump(store, 'cohort_members')).toHaveLength(8);

      // Runs, publications, pairs and edits of both sides now belong to the one cohort.
      const runs = dump(store, 'match_runs');
      expect(runs.map((r) => [r.cohort_id, r.name]).sort()).toEqual([[ids.cohortA, 'Run 1'], [ids.cohortA, 'Run 1 (merged)']]);
      for (const run of runs) {
        const [assignment] = (JSON.parse(run.result as string) as { assignments: { menteeId: string; mentorId: string }[] }).assignments;
        expect(assignment).toMatchObject({ menteeId: ids.benA, mentorId: ids.anaA });
      }
      expect(dump(store, 'publications').every((p) => p.cohort_id === ids.cohortA)).toBe(true);
      const pairs = dump(store, 'pairs');
      expect(pairs.map((p) => [p.id, p.cohort_id, p.mentee_id, p.mentor_id, p.status]).sort()).toEqual(
        [
          [ids.pairA, ids.cohortA, ids.benA, ids.anaA, 'ended'], // the cohort published first gives way
          [ids.pairB, ids.cohortA, ids.benA, ids.anaA, 'active'],
        ].sort(),
      );
      expect(dump(store, 'matching_edits').map((e) => [e.cohort_id, e.position, e.mentee_id, e.mentor_id])).toEqual(
        expect.arrayContaining([[ids.cohortA, 1, ids.benA, ids.anaA], [ids.cohortA, 2, ids.benA, ids.anaA]]),
      );
      expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);

      // The change log recorded the merge: replaying it rebuilds every table as it is now.
      const changes = store.sqlite.prepare('SELECT hlc, tbl, row_id, col, value FROM changes').all() as Parameters<typeof foldChanges>[0];
      expect(changes.filter((c) => c.tbl === 'cohorts' && c.row_id === ids.cohortB && c.col === 'deleted_at')).toHaveLength(1);
      const replica = await tempStore('replica.sqlite');
      applyFolded(replica, foldChanges(changes));
      for (const table of TRACKED_TABLES) expect(dump(replica, table), table).toEqual(dump(store, table));
    } finally {
      store.close();
    }

    // And the next import of the same names lands in the merged program and cohort.
    const csv = join(dir, 'again.csv');
    writeFileSync(csv, 'Full name,Email Address,I want to be a…\nAna Ruiz,ana@example.org,Mentor\nS. One,STRASSE@example.de,Mentee\n');
    const again = await cli('import', csv, '--db', path, '--program', 'équipe', '--cohort', 'ÉTÉ');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Imported into Équipe \/ Été: 0 added, /);
  });

  it('a version-4 workspace without duplicates only gains its keys', async () => {
    const dir = tempDir();
    const path = join(dir, 'workspace.sqlite');
    const v4 = await openStore(path, { migrations: MIGRATIONS.slice(0, 4) });
    const program = { id: v4.transact((w) => w.insert('programs', { name: 'Mentoring', settings: '{}', archived_at: null })) };
    v4.close();
    const store = await openStore(path, { backupPath: () => join(dir, 'b.sqlite') });
    try {
      expect(dump(store, 'programs')).toEqual([expect.objectContaining({ id: program.id, name: 'Mentoring', name_key: 'mentoring', deleted_at: null })]);
    } finally {
      store.close();
    }
  });
});
