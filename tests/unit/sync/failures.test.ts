import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/db/store';
import { updateMember } from '../../../src/core/participants/members';
import { addMember } from '../../../src/core/participants/roster';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import { tempStore } from '../temp';
import { usePg } from './pg-server';
import { snapshot, sync, syncUntilQuiet } from './replicas';

const server = usePg();

async function withBacklog(store: Store, people: number) {
  const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
  store.transact(() => {
    for (let i = 0; i < people; i++) addMember(store, cohort.id, { fullName: `Person ${i}`, email: `p${i}@example.org`, role: i % 5 ? 'Mentee' : 'Mentor', capacity: i % 5 ? undefined : 2 });
  });
  return cohort;
}

const countOf = (store: Store, clientId: string) => store.sqlite.prepare('SELECT count(*) AS n, count(DISTINCT hlc || row_id || col) AS d FROM changes WHERE client_id = ?').get(clientId);

describe('sync under failures', () => {
  it('a replica whose clock runs an hour ahead: its writes win while ahead, and an edit made after seeing them wins over them', async () => {
    const url = await server.database();
    const credentials = { url, passphrase: 'skew passphrase' };
    const a = await tempStore('a.sqlite');
    const b = await tempStore('b.sqlite');
    (a.clock as unknown as { wallClock: () => number }).wallClock = () => Date.now() + 3_600_000;
    const cohort = ensureProgramAndCohort(a, 'Mentoring', 'Spring');
    const member = addMember(a, cohort.id, { fullName: 'Ana Ruiz', email: 'ana@example.org', role: 'Mentor', capacity: 1 });
    await syncUntilQuiet([a, b], credentials);
    updateMember(b, member.id, { bio: 'B, before seeing A' });
    updateMember(a, member.id, { bio: 'A, an hour ahead' });
    await syncUntilQuiet([a, b], credentials);
    const bio = (s: Store) => (s.sqlite.prepare('SELECT bio FROM cohort_members WHERE id = ?').get(member.id) as { bio: string }).bio;
    expect(bio(a)).toBe('A, an hour ahead');
    expect(bio(b)).toBe('A, an hour ahead');
    // B has seen A's clock: its next edit is stamped after it, so it wins although B's wall clock is an hour behind.
    updateMember(b, member.id, { bio: 'B, after seeing A' });
    await syncUntilQuiet([a, b], credentials);
    expect(bio(a)).toBe('B, after seeing A');
    expect(snapshot(a)).toEqual(snapshot(b));
  }, 60_000);

  it('the server restarted in the middle of a sync, then a dropped connection: a retry completes, nothing lost or duplicated', async () => {
    const url = await server.database();
    const credentials = { url, passphrase: 'restart passphrase' };
    const a = await tempStore('a.sqlite');
    const b = await tempStore('b.sqlite');
    await withBacklog(a, 1500);

    const first = sync(a, credentials).then(
      () => 'finished',
      (error: Error) => error.message,
    );
    await new Promise((r) => setTimeout(r, 30));
    await server.restart();
    const outcome = await first;
    // Either it finished before the restart or it failed with a message; both must leave a state a retry completes.
    expect(typeof outcome).toBe('string');

    // B's pull is cut by the server dropping every client connection mid-way.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await sync(a, credentials);
    const pulling = sync(b, credentials).catch((error: Error) => error);
    await new Promise((r) => setTimeout(r, 20));
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()');
    await pulling;
    await admin.end().catch(() => undefined);

    await syncUntilQuiet([a, b], credentials);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(countOf(b, a.clock.clientId)).toEqual(countOf(a, a.clock.clientId));
    const { n, d } = countOf(b, a.clock.clientId) as { n: number; d: number };
    expect(n).toBe(d);
    expect(b.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(b.sqlite.prepare('SELECT count(*) AS n FROM people WHERE deleted_at IS NULL').get()).toEqual({ n: 1500 });
  }, 120_000);
});
