import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { openStore } from '../../src/core/db/open';
import { applyFolded, foldChanges } from '../../src/core/db/replay';
import { TRACKED_TABLES } from '../../src/core/db/schema';
import type { Store } from '../../src/core/db/store';
import { addEdit, editsState, removeEdit } from '../../src/core/edits/edits';
import { activePairs, publishRun } from '../../src/core/pairs/publish';
import { listMembers, removeMember } from '../../src/core/participants/members';
import { erasePerson, erasurePlan, findPerson } from '../../src/core/people/erase';
import { importCheckins } from '../../src/core/checkins/checkins';
import { resolveCohortByName } from '../../src/core/programs/programs';
import { getRun, listRuns, runMatchNow } from '../../src/core/runs/runs';
import { cli } from './cli-run';
import { tempDir, tempStore } from './temp';

const NAME = 'Zofia Quellmark';
const EMAIL = 'zofia.quellmark@example.org';

const SPRING = [
  'Full name,Email Address,I want to be a…,Time zone,Max mentees,Manager email,Interests,Expertise',
  'Ana Ruiz,ana@example.org,Mentor,Europe/Berlin,2,,,"leadership, design"',
  'Marek Nowak,marek@example.org,Mentor,Europe/Warsaw,2,,,"data, leadership"',
  `${NAME},${EMAIL},Mentee,Europe/Warsaw,,,leadership,`,
  `Ben Li,ben@example.org,Mentee,Europe/Paris,,${EMAIL.toUpperCase()},design,`,
].join('\n');
const AUTUMN = [
  'Full name,Email Address,I want to be a…,Time zone,Max mentees,Interests,Expertise',
  `${NAME},${EMAIL},Mentor,Europe/Warsaw,1,,leadership`,
  'Cleo Park,cleo@example.org,Mentee,Asia/Seoul,,leadership,',
].join('\n');

/** Does any file in the folder (the workspace, its -wal and -shm) hold these bytes? The backup is left out. */
function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return readdirSync(dir)
    .filter((name) => !name.endsWith('.backup') && !name.endsWith('.csv'))
    .filter((name) => readFileSync(join(dir, name)).includes(needle));
}

/**
 * A workspace where Zofia is everywhere: a mentee of Spring (matched, published, locked by an edit and
 * named in a reset edit), Ben's manager, and a removed mentor of Autumn.
 */
async function workspaceWithZofia(dir: string) {
  const db = join(dir, 'workspace.sqlite');
  writeFileSync(join(dir, 'spring.csv'), SPRING);
  writeFileSync(join(dir, 'autumn.csv'), AUTUMN);
  expect(await cli('import', join(dir, 'spring.csv'), '--db', db, '--program', 'Mentoring', '--cohort', 'Spring')).toMatchObject({ code: 0 });
  expect(await cli('import', join(dir, 'autumn.csv'), '--db', db, '--program', 'Mentoring', '--cohort', 'Autumn')).toMatchObject({ code: 0 });
  const store = await openStore(db);
  const spring = resolveCohortByName(store, 'Spring');
  const autumn = resolveCohortByName(store, 'Autumn');
  const member = (cohortId: string, email: string) => listMembers(store, cohortId).find((m) => m.email === email)!;
  const zofia = member(spring.id, EMAIL);
  const ana = member(spring.id, 'ana@example.org');
  const run = await runMatchNow(store, { cohortId: spring.id, settings: {} });
  expect(run.result.assignments.some((a) => a.menteeId === zofia.id)).toBe(true);
  publishRun(store, run.id);
  // Her check-in answer, with a comment that names her: it goes with her. (The pair started now: she met tomorrow, answered the day after.)
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await importCheckins(
    store,
    { cohortId: spring.id, fileName: 'checkin.csv', dataBase64: Buffer.from(`Email,Did you meet?,Date of last meeting,Comments\n${EMAIL},yes,${tomorrow},${NAME} is doing great\n`).toString('base64'), skipInvalid: false },
    new Date(Date.now() + 2 * 86_400_000),
  );
  addEdit(store, spring.id, { kind: 'lock', menteeId: zofia.id, mentorId: ana.id });
  addEdit(store, spring.id, { kind: 'capacity', mentorId: ana.id, capacity: 3 });
  removeEdit(store, spring.id, { kind: 'capacity', mentorId: ana.id }); // a reset edit whose payload holds Zofia's lock
  removeMember(store, member(autumn.id, EMAIL).id);
  return { db, store, spring, autumn, zofia, run };
}

describe('erasing a person', () => {
  it('says exactly what it will erase', async () => {
    const dir = tempDir();
    const { store, zofia, spring, autumn } = await workspaceWithZofia(dir);
    try {
      writeFileSync(`${store.path}.v4.1767225600000.backup`, 'a backup made before an upgrade');
      const plan = erasurePlan(store, zofia.personId);
      expect(plan).toEqual({
        person: { id: zofia.personId, programId: spring.programId, programName: 'Mentoring', fullName: NAME, email: EMAIL },
        memberships: [
          { memberId: zofia.id, cohortId: spring.id, cohortName: 'Spring', role: 'mentee', removed: false },
          { memberId: expect.any(String), cohortId: autumn.id, cohortName: 'Autumn', role: 'mentor', removed: true },
        ],
        pairs: 1,
        activePairs: 1,
        sessions: 0,
        edits: 1,
        managerReferences: 1,
        changeRows: expect.any(Number),
        runs: 1,
        backups: [`${store.path}.v4.1767225600000.backup`],
      });
      expect(plan.changeRows).toBeGreaterThan(40);
      expect(findPerson(store, 'MENTORING', ' Zofia.Quellmark@Example.org ').id).toBe(zofia.personId);
    } finally {
      store.close();
    }
  });

  it('deletes their rows, blanks their change-log values and leaves no byte of their name or email in the file or its WAL', async () => {
    const dir = tempDir();
    const { store, zofia, spring, run } = await workspaceWithZofia(dir);
    try {
      // The search works: before the erase both are in the file (or its WAL).
      store.sqlite.pragma('wal_checkpoint(PASSIVE)');
      expect(filesHolding(dir, NAME).length).toBeGreaterThan(0);
      expect(filesHolding(dir, EMAIL).length).toBeGreaterThan(0);
      const runsBefore = listRuns(store, spring.id);
      const erasedMembers = erasurePlan(store, zofia.personId).memberships.map((m) => m.memberId);

      const result = erasePerson(store, zofia.personId);
      expect(result).toMatchObject({ personId: zofia.personId, vacuumed: true, walCleared: true, pairs: 1, edits: 1, managerReferences: 1 });

      // With the store still open (its WAL checkpointed and emptied), then after it closes: no trace.
      expect(statSync(`${store.path}-wal`).size).toBe(0);
      expect(filesHolding(dir, NAME)).toEqual([]);
      expect(filesHolding(dir, EMAIL)).toEqual([]);
      expect(filesHolding(dir, EMAIL.toUpperCase())).toEqual([]);

      const count = (sql: string, ...params: unknown[]) => (store.sqlite.prepare(sql).get(...params) as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM people WHERE id = ?', zofia.personId)).toBe(0);
      expect(count('SELECT count(*) AS n FROM cohort_members WHERE person_id = ?', zofia.personId)).toBe(0);
      expect(activePairs(store, spring.id).some((p) => p.menteeId === zofia.id)).toBe(false);
      expect(editsState(store, spring.id).adjustments.locks).toEqual([]);
      expect(listMembers(store, spring.id).find((m) => m.email === 'ben@example.org')!.managerEmail).toBeNull();
      // Their change rows are kept, blanked and marked; none holds a value of theirs.
      expect(count("SELECT count(*) AS n FROM changes WHERE row_id = ? AND erased_at IS NOT NULL AND value = 'null'", zofia.personId)).toBeGreaterThan(0);
      expect(count("SELECT count(*) AS n FROM changes WHERE row_id = ? AND value != 'null'", zofia.personId)).toBe(0);

      // Runs keep their results; her ids there are known as erased (the app shows "(erased)").
      expect(listRuns(store, spring.id)).toEqual(runsBefore);
      expect(getRun(store, run.id).result.assignments.some((a) => a.menteeId === zofia.id)).toBe(true);
      const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources') });
      const ben = listMembers(store, spring.id).find((m) => m.email === 'ben@example.org')!;
      expect(await dispatch(handlers, 'people.erasedIds', { ids: [...erasedMembers, zofia.personId, ben.id, 'no-such-id'] })).toEqual({
        ok: true,
        value: expect.arrayContaining([...erasedMembers, zofia.personId]),
      });
      expect(((await dispatch(handlers, 'people.erasedIds', { ids: [ben.id] })) as { value: string[] }).value).toEqual([]);

      // Replaying the log rebuilds the workspace as it is now: she does not come back.
      const changes = store.sqlite.prepare('SELECT hlc, tbl, row_id, col, value, erased_at FROM changes').all() as Parameters<typeof foldChanges>[0];
      const replica = await tempStore('replica.sqlite');
      applyFolded(replica, foldChanges(changes));
      const dump = (s: Store, table: string) => s.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
      for (const table of TRACKED_TABLES) expect(dump(replica, table), table).toEqual(dump(store, table));
      expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      store.close();
    }
    expect(existsSync(join(dir, 'workspace.sqlite-wal'))).toBe(false);
    expect(filesHolding(dir, NAME)).toEqual([]);
    expect(filesHolding(dir, EMAIL)).toEqual([]);
  });

  it('through the CLI: erase --email --program, then nothing of theirs is left; an unknown email is refused', async () => {
    const dir = tempDir();
    const { db, store } = await workspaceWithZofia(dir);
    store.close();
    writeFileSync(`${db}.v4.1767225600000.backup`, 'a backup made before an upgrade');

    expect(await cli('erase', '--db', db, '--email', 'nobody@example.org', '--program', 'Mentoring')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'No one with the email nobody@example.org in program "Mentoring"',
    });
    const erased = await cli('erase', '--db', db, '--email', EMAIL.toUpperCase(), '--program', 'mentoring');
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(
      new RegExp(`^Erased ${NAME} <${EMAIL}> from Mentoring: 2 cohort records, 1 pair, 1 matching edit, 1 manager reference cleared; \\d+ change-log values blanked\\. The file was compacted, so the erased bytes are gone from it\\.$`),
    );
    expect(erased.stderr).toBe(`Backups made before upgrades still hold their data; delete them if the request covers them:\n${db}.v4.1767225600000.backup`);
    expect(filesHolding(dir, NAME)).toEqual([]);
    expect(filesHolding(dir, EMAIL)).toEqual([]);
    const people = JSON.parse((await cli('people', '--db', db, '--cohort', 'Spring', '--json')).stdout) as { email: string }[];
    expect(people.map((p) => p.email).sort()).toEqual(['ana@example.org', 'ben@example.org', 'marek@example.org']);
    // Erased is erased: a second time there is no one to find.
    expect(await cli('erase', '--db', db, '--email', EMAIL, '--program', 'Mentoring')).toMatchObject({ code: 1 });
  });
});
