import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addMember } from '../../../src/core/participants/roster';
import { updateMember } from '../../../src/core/participants/members';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import { WrongPassphraseError } from '../../../src/core/sync/crypto';
import { openSpace } from '../../../src/core/sync/engine';
import { pendingCount } from '../../../src/core/sync/local';
import { tempStore } from '../temp';
import { usePg } from './pg-server';
import { snapshot, sync, syncUntilQuiet } from './replicas';

const server = usePg();

const live = (store: Awaited<ReturnType<typeof tempStore>>, table: string) =>
  store.sqlite.prepare(`SELECT * FROM ${table} WHERE deleted_at IS NULL ORDER BY id`).all() as Record<string, unknown>[];

describe('two replicas through PostgreSQL', () => {
  it('converge after offline edits on both, the same person imported twice ending as one', async () => {
    const url = await server.database();
    const credentials = { url, passphrase: 'correct horse battery staple' };
    const a = await tempStore('a.sqlite');
    const b = await tempStore('b.sqlite');

    // Offline, each coordinator sets up the same program and cohort and adds people; Ben is on both machines.
    const cohortA = ensureProgramAndCohort(a, 'Mentoring', 'Spring');
    const ana = addMember(a, cohortA.id, { fullName: 'Ana Ruiz', email: 'ana@example.org', role: 'Mentor', capacity: 2 });
    addMember(a, cohortA.id, { fullName: 'Ben Li', email: 'ben@example.org', role: 'Mentee' });
    const cohortB = ensureProgramAndCohort(b, 'Mentoring', 'Spring');
    addMember(b, cohortB.id, { fullName: 'Ben Li', email: 'BEN@example.org', role: 'Mentee' });
    addMember(b, cohortB.id, { fullName: 'Cleo Park', email: 'cleo@example.org', role: 'Mentee' });

    // The change log's field index exists only once a workspace syncs (migration 19): local writes do not pay for it.
    const fieldIndex = (s: typeof a) => s.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'changes_field'").get() as { n: number };
    expect(fieldIndex(a).n).toBe(0);
    await syncUntilQuiet([a, b], credentials);
    expect([fieldIndex(a).n, fieldIndex(b).n]).toEqual([1, 1]);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(live(a, 'programs')).toHaveLength(1);
    expect(live(a, 'cohorts')).toHaveLength(1);
    expect(live(a, 'people').map((p) => p.full_name).sort()).toEqual(['Ana Ruiz', 'Ben Li', 'Cleo Park']);
    expect(live(a, 'cohort_members')).toHaveLength(3);
    expect(a.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(a.sqlite.pragma('foreign_key_check')).toEqual([]);

    // Both edit the same mentor offline: the later write wins on both; a field only one touched is kept.
    const anaOnB = live(b, 'cohort_members').find((m) => m.id === ana.id)!;
    updateMember(a, ana.id, { bio: 'Written on A' });
    updateMember(b, String(anaOnB.id), { capacity: 3 });
    await new Promise((r) => setTimeout(r, 5));
    updateMember(b, String(anaOnB.id), { bio: 'Written on B, later' });
    await syncUntilQuiet([a, b], credentials);
    expect(snapshot(a)).toEqual(snapshot(b));
    const merged = live(a, 'cohort_members').find((m) => m.id === ana.id)!;
    expect(merged.bio).toBe('Written on B, later');
    expect(merged.capacity).toBe(3);
    expect(pendingCount(a)).toBe(0);
    expect(pendingCount(b)).toBe(0);
  }, 60_000);

  it('applying a peer change records it as the peer\'s, once, however often it is delivered', async () => {
    const url = await server.database();
    const credentials = { url, passphrase: 'pw' };
    const a = await tempStore('a.sqlite');
    const b = await tempStore('b.sqlite');
    const cohort = ensureProgramAndCohort(a, 'Mentoring', 'Spring');
    addMember(a, cohort.id, { fullName: 'Ana Ruiz', email: 'ana@example.org', role: 'Mentor', capacity: 1 });
    await sync(a, credentials);
    await sync(b, credentials);
    const fromA = (store: typeof a) => (store.sqlite.prepare('SELECT count(*) AS n FROM changes WHERE client_id = ?').get(a.clock.clientId) as { n: number }).n;
    expect(fromA(b)).toBe(fromA(a));
    // Nothing of A's is B's to push; a second sync from scratch (cursor reset) applies nothing twice.
    expect(pendingCount(b)).toBe(0);
    b.sqlite.prepare("UPDATE meta SET value = '0' WHERE key = 'sync.cursor'").run();
    const again = await sync(b, credentials);
    expect(again.applied.applied).toBe(0);
    expect(again.applied.duplicates).toBeGreaterThan(0);
    expect(fromA(b)).toBe(fromA(a));
  }, 60_000);

  it('the server holds no name or email, and a wrong passphrase is refused before anything is written', async () => {
    const url = await server.database();
    const a = await tempStore('a.sqlite');
    const cohort = ensureProgramAndCohort(a, 'Mentoring', 'Spring');
    addMember(a, cohort.id, { fullName: 'Zephyrine Okonkwo', email: 'zephyrine.o@example.org', role: 'Mentor', capacity: 1, bio: 'Loves Quetzalcoatlus fossils' });
    await sync(a, { url, passphrase: 'right one' });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const dump = async () => {
      const tables = (await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows;
      let text = '';
      for (const { table_name } of tables) {
        const rows = (await client.query(`SELECT * FROM ${table_name}`)).rows;
        text += JSON.stringify(rows, (_k, v: unknown) => (v && typeof v === 'object' && 'type' in v && v.type === 'Buffer' ? Buffer.from((v as unknown as { data: number[] }).data).toString('latin1') : v));
      }
      return { tables: tables.map((t) => t.table_name).sort(), text };
    };
    const before = await dump();
    expect(before.tables).toEqual(['pairwise_sync_messages', 'pairwise_sync_spaces']);
    for (const secret of ['Zephyrine', 'Okonkwo', 'zephyrine.o@example.org', 'example.org', 'Quetzalcoatlus', 'Mentoring', 'Spring']) {
      expect(before.text.toLowerCase()).not.toContain(secret.toLowerCase());
    }

    const b = await tempStore('b.sqlite');
    const changesBefore = (b.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
    await expect(openSpace({ url, passphrase: 'wrong one' })).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(sync(b, { url, passphrase: 'wrong one' })).rejects.toThrow(/passphrase does not open/);
    expect((b.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n).toBe(changesBefore);
    expect(b.sqlite.prepare("SELECT * FROM meta WHERE key LIKE 'sync.%'").all()).toEqual([]);
    expect((await dump()).text).toBe(before.text);
    await client.end();
  }, 60_000);
});
