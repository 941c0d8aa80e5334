import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../../src/core/db/open';
import type { Store } from '../../../src/core/db/store';
import { publishRun } from '../../../src/core/pairs/publish';
import { updateMember, removeMember } from '../../../src/core/participants/members';
import { addMember } from '../../../src/core/participants/roster';
import { erasePerson } from '../../../src/core/people/erase';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import { runMatchNow, saveRun } from '../../../src/core/runs/runs';
import { openSpace, pull, type Credentials, type PullOptions } from '../../../src/core/sync/engine';
import type { PushFaults } from '../../../src/core/sync/server';
import { tempDir, tempStore } from '../temp';
import { usePg } from './pg-server';
import { snapshot, sync, syncUntilQuiet } from './replicas';

/**
 * The bulk path of a first sync (sync/log-memo.ts) must leave exactly the workspace the indexed path
 * leaves: every table's rows (the change log's seq, HLCs and erasure marks included), and the schema.
 */

const server = usePg();

afterEach(() => {
  vi.useRealTimers();
});

/** Every table's rows and every schema object: two equal workspaces give equal values. */
function everything(store: Store): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const objects = store.sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string }[];
  out.schema = objects;
  for (const { name } of objects.filter((o) => o.type === 'table')) {
    out[name] = (store.sqlite.prepare(`SELECT * FROM ${name}`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

const hasFieldIndex = (store: Store) => store.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'changes_field'").get() !== undefined;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A program's history on the server, in many small messages: members added on A, one person added and
 * erased before A ever pushed (their changes travel erased), bios edited on C and then, later, on A, with
 * A pushing first (so the server holds a field's newer change before its older one), a member removed, and
 * two different publications for one cohort from A and C (the conflict rules end pairs during the pull).
 */
async function programHistory(options: { conflicts: boolean; erasedAtOrigin?: boolean }): Promise<{ credentials: Credentials; a: Store; c: Store }> {
  const credentials = { url: await server.database(), passphrase: 'bulk path passphrase' };
  const a = await tempStore('a.sqlite');
  const c = await tempStore('c.sqlite');
  const cohort = ensureProgramAndCohort(a, 'Mentoring', 'Spring');
  const members = [];
  for (let k = 0; k < 12; k++) {
    members.push(addMember(a, cohort.id, { fullName: `Person ${k}`, email: `p${k}@example.org`, role: k % 3 === 0 ? 'Mentor' : 'Mentee', capacity: k % 3 === 0 ? 2 : undefined }));
    if (k % 4 === 3) await sync(a, credentials);
  }
  const gone = addMember(a, cohort.id, { fullName: 'Gone Soon', email: 'gone@example.org', role: 'Mentee' });
  erasePerson(a, gone.personId);
  await syncUntilQuiet([a, c], credentials);
  for (let round = 0; round < 4; round++) {
    updateMember(c, members[round + 1]!.id, { bio: `Written on C, round ${round}` });
    await wait(3);
    updateMember(a, members[round + 1]!.id, { bio: `Written on A later, round ${round}` });
    updateMember(a, members[round + 5]!.id, { goals: `Goal ${round}` });
    await sync(a, credentials);
    await sync(c, credentials);
  }
  removeMember(c, members[10]!.id);
  if (options.erasedAtOrigin) {
    // Erased on A after C had her, with an edit of A's not pushed yet (it travels erased), then edited on C: the
    // replicas no longer agree about her (erasure is local, docs/sync.md), and a new replica leaves C's edit out.
    const kept = addMember(a, cohort.id, { fullName: 'Erin Erased', email: 'erin@example.org', role: 'Mentee' });
    await syncUntilQuiet([a, c], credentials);
    updateMember(a, kept.id, { bio: 'Edited on A before the erasure' });
    erasePerson(a, kept.personId);
    await sync(a, credentials);
    updateMember(c, kept.id, { goals: 'Edited on C after' });
    await sync(c, credentials);
  }
  if (options.conflicts) {
    const mentors = members.filter((_, k) => k % 3 === 0);
    const mentees = members.filter((_, k) => k % 3 !== 0 && k !== 10);
    const template = await runMatchNow(a, { cohortId: cohort.id, settings: { rules: { timezone: { kind: 'none' } } } });
    await syncUntilQuiet([a, c], credentials);
    const runWith = (store: Store, name: string, pairs: [string, string][]) => {
      const base = template.result.assignments[0]!;
      const assignments = pairs.map(([menteeId, mentorId]) => ({ ...base, menteeId, mentorId }));
      return saveRun(store, { cohortId: cohort.id, settings: template.settings, insights: template.insights, name, result: { ...template.result, assignments, matched: assignments.length } });
    };
    publishRun(a, runWith(a, 'A plan', [[mentees[0]!.id, mentors[0]!.id], [mentees[1]!.id, mentors[1]!.id]]).id, new Date('2027-01-05T09:00:00Z'));
    publishRun(c, runWith(c, 'C plan', [[mentees[0]!.id, mentors[1]!.id], [mentees[1]!.id, mentors[0]!.id]]).id, new Date('2027-01-06T09:00:00Z'));
  }
  await syncUntilQuiet([a, c], credentials);
  if (!options.erasedAtOrigin) expect(snapshot(a)).toEqual(snapshot(c));
  return { credentials, a, c };
}

/** Two files of one empty workspace (one client id): replicas whose own writes, at one fixed time, come out alike. */
async function twins(count: number): Promise<string[]> {
  const dir = tempDir();
  const empty = await openStore(join(dir, 'empty.sqlite'));
  empty.close();
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `replica-${i}.sqlite`);
    copyFileSync(join(dir, 'empty.sqlite'), path);
    return path;
  });
}

const FIXED = new Date('2027-02-01T10:00:00Z');

/** Opens the file with the clock stopped at FIXED (the HLC wall clock is read from Date.now when the store opens). */
async function openAtFixedTime(path: string): Promise<Store> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(FIXED);
  return openStore(path);
}

async function pullAll(store: Store, credentials: Credentials, options: PullOptions, faults?: PushFaults) {
  vi.setSystemTime(FIXED);
  const open = await openSpace(credentials);
  try {
    return await pull(store, open, () => new Date(), faults, { messagesPerPage: 1, ...options });
  } finally {
    await open.server.close();
  }
}

describe('first sync down, the bulk way', () => {
  it('leaves exactly the workspace the indexed way leaves, conflicts decided on the way included', async () => {
    const { credentials, a } = await programHistory({ conflicts: true, erasedAtOrigin: true });
    const [bulkPath, indexedPath] = await twins(2);
    const bulk = await openAtFixedTime(bulkPath!);
    let pages = 0;
    const bulkReport = await pullAll(bulk, credentials, { bulk: true }, {
      pageApplied: () => {
        pages += 1;
        // Taken for real: no field index while the pages go in.
        expect(hasFieldIndex(bulk)).toBe(false);
      },
    });
    bulk.close();
    const indexed = await openAtFixedTime(indexedPath!);
    const indexedReport = await pullAll(indexed, credentials, { bulk: false }, { pageApplied: () => expect(hasFieldIndex(indexed)).toBe(true) });
    indexed.close();

    expect(pages).toBeGreaterThan(5);
    expect(bulkReport).toEqual(indexedReport);
    // The pull decided conflicts itself on the way (its own change rows): the memo kept up with them.
    const [x, y] = [await openStore(bulkPath!), await openStore(indexedPath!)];
    // The pull decided conflicts itself on the way (its own change rows, written between its pages' rows): the memo kept up with them.
    expect(bulkReport.applied.conflicts).toBeGreaterThan(0);
    expect(x.sqlite.prepare('SELECT count(*) FROM changes WHERE client_id = ?').pluck().get(x.clock.clientId)).toBeGreaterThan(0);
    expect(hasFieldIndex(x)).toBe(true);
    expect(everything(x)).toEqual(everything(y));
    expect((x.sqlite.prepare('SELECT count(*) AS n FROM changes WHERE erased_at IS NOT NULL').get() as { n: number }).n).toBeGreaterThan(0);
    expect(snapshot(x).people).toHaveLength((snapshot(a).people as unknown[]).length + 1);
    // C's edit of the person A erased came after A's erased change: left out.
    expect(x.sqlite.prepare("SELECT goals FROM cohort_members m JOIN people p ON p.id = m.person_id WHERE p.email = 'erin@example.org'").pluck().get()).toBe('');
    x.close();
    y.close();
  }, 120_000);

  it('takes redelivered and shuffled pages as the indexed way does: each change once', async () => {
    const { credentials } = await programHistory({ conflicts: false, erasedAtOrigin: true });
    const [bulkPath, indexedPath] = await twins(2);
    const scramble = <T>(items: T[]): T[] => [...items, ...items.slice(0, Math.ceil(items.length / 3))].reverse();
    const results = [];
    for (const [path, bulk] of [
      [bulkPath!, true],
      [indexedPath!, false],
    ] as const) {
      const store = await openAtFixedTime(path);
      const first = await pullAll(store, credentials, { bulk }, { deliver: scramble });
      const rows = (store.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
      // Everything again from the start (a rewound cursor): all duplicates, some already at their field's newest, some older.
      store.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('sync.cursor', '0') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
      const again = await pullAll(store, credentials, { bulk }, { deliver: scramble });
      expect(again.applied.applied).toBe(0);
      expect(again.applied.duplicates).toBe(again.applied.received);
      expect((store.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n).toBe(rows);
      results.push({ first, again, all: everything(store) });
      store.close();
    }
    expect(results[0]).toEqual(results[1]);
  }, 120_000);

  it('a person erased on this replica between two pages: the memo notices, the pull goes on the indexed way, same result', async () => {
    const { credentials } = await programHistory({ conflicts: false });
    const [bulkPath, indexedPath] = await twins(2);
    const results = [];
    for (const [path, bulk] of [
      [bulkPath!, true],
      [indexedPath!, false],
    ] as const) {
      const store = await openAtFixedTime(path);
      let page = 0;
      let indexDuringPages = false;
      await pullAll(
        store,
        credentials,
        { bulk },
        {
          // Between pages (outside their transactions), once people are in: erase the first one.
          deliver: (changes) => {
            page += 1;
            const person = store.sqlite.prepare('SELECT id FROM people ORDER BY id LIMIT 1').pluck().get() as string | undefined;
            if (page === 4 && person) erasePerson(store, person);
            return changes;
          },
          pageApplied: () => {
            if (page > 4) indexDuringPages ||= hasFieldIndex(store);
          },
        },
      );
      // The bulk pull left the memo and built the index as soon as the erasure showed.
      if (bulk) expect(indexDuringPages).toBe(true);
      results.push(everything(store));
      store.close();
    }
    expect(results[0]).toEqual(results[1]);
  }, 120_000);

  it('cut off after some pages, it keeps those pages and the next sync completes it, either way', async () => {
    const { credentials, a } = await programHistory({ conflicts: false });
    const [whole, resumedIndexed, resumedBulk] = await twins(3);
    const reference = await openAtFixedTime(whole!);
    await pullAll(reference, credentials, { bulk: true });
    const expected = everything(reference);
    expect(snapshot(reference)).toEqual(snapshot(a));
    reference.close();

    for (const [path, resume] of [
      [resumedIndexed!, undefined],
      [resumedBulk!, true],
    ] as const) {
      const store = await openAtFixedTime(path);
      const crash = (page: number) => {
        if (page === 3) throw new Error('killed mid-sync');
      };
      await expect(pullAll(store, credentials, { bulk: true }, { pageApplied: crash })).rejects.toThrow('killed mid-sync');
      // Two pages are in, with their cursor; the third rolled back whole; the file is sound.
      const cursor = Number(store.sqlite.prepare("SELECT value FROM meta WHERE key = 'sync.cursor'").pluck().get());
      expect(cursor).toBeGreaterThan(0);
      const held = (store.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThan((a.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n);
      expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(hasFieldIndex(store)).toBe(false);
      store.close();

      // Opened again (as after a crash) and synced: by default this small rest takes the indexed way, which makes the index first.
      const again = await openAtFixedTime(path);
      await pullAll(again, credentials, { bulk: resume });
      expect(everything(again)).toEqual(expected);
      expect(again.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      again.close();
    }
  }, 120_000);
});
