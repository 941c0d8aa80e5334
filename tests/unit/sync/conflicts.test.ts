import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../src/core/api/context';
import type { Store } from '../../../src/core/db/store';
import { publishRun } from '../../../src/core/pairs/publish';
import { addMember } from '../../../src/core/participants/roster';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import { runMatchNow, saveRun } from '../../../src/core/runs/runs';
import { syncHandlers } from '../../../src/core/sync/handlers';
import { tempStore } from '../temp';
import { usePg } from './pg-server';
import { snapshot, syncUntilQuiet } from './replicas';

const server = usePg();

/** A cohort with two mentors of capacity 1 and two mentees on A, synced to B. */
async function twoCoordinators(url: string) {
  const credentials = { url, passphrase: 'shared secret' };
  const a = await tempStore('a.sqlite');
  const b = await tempStore('b.sqlite');
  const cohort = ensureProgramAndCohort(a, 'Mentoring', 'Spring');
  const m1 = addMember(a, cohort.id, { fullName: 'Mara One', email: 'm1@example.org', role: 'Mentor', capacity: 1 });
  const m2 = addMember(a, cohort.id, { fullName: 'Milo Two', email: 'm2@example.org', role: 'Mentor', capacity: 1 });
  const e1 = addMember(a, cohort.id, { fullName: 'Eve First', email: 'e1@example.org', role: 'Mentee' });
  const e2 = addMember(a, cohort.id, { fullName: 'Eli Second', email: 'e2@example.org', role: 'Mentee' });
  const template = await runMatchNow(a, { cohortId: cohort.id, settings: { rules: { timezone: { kind: 'none' } } } });
  await syncUntilQuiet([a, b], credentials);
  /** A draft run on `store` with exactly these pairs. */
  const runWith = (store: Store, name: string, pairs: [string, string][]) => {
    const base = template.result.assignments[0]!;
    const assignments = pairs.map(([menteeId, mentorId]) => ({ ...base, menteeId, mentorId }));
    return saveRun(store, { cohortId: cohort.id, settings: template.settings, insights: template.insights, name, result: { ...template.result, assignments, matched: assignments.length } });
  };
  const api = (store: Store) => syncHandlers({ store, now: () => new Date('2027-01-10T12:00:00Z') } as CoreContext);
  return { a, b, credentials, cohort, m1, m2, e1, e2, runWith, api };
}

const activePairs = (store: Store) =>
  (store.sqlite.prepare("SELECT mentee_id, mentor_id FROM pairs WHERE status = 'active' AND deleted_at IS NULL ORDER BY mentee_id").all() as { mentee_id: string; mentor_id: string }[]).map(
    (p) => `${p.mentee_id}>${p.mentor_id}`,
  );

describe('conflicts a merge has to decide', () => {
  it('two coordinators publish different runs for one cohort: the latest publication stays, the other pairs end and are listed', async () => {
    const { a, b, credentials, cohort, m1, m2, e1, e2, runWith, api } = await twoCoordinators(await server.database());
    publishRun(a, runWith(a, 'A plan', [[e1.id, m1.id], [e2.id, m2.id]]).id, new Date('2027-01-05T09:00:00Z'));
    publishRun(b, runWith(b, 'B plan', [[e1.id, m2.id], [e2.id, m1.id]]).id, new Date('2027-01-06T09:00:00Z'));
    await syncUntilQuiet([a, b], credentials);

    expect(snapshot(a)).toEqual(snapshot(b));
    // B published last: its pairs are the cohort's; every mentee has one pair, no mentor is past capacity.
    expect(activePairs(a)).toEqual([`${e1.id}>${m2.id}`, `${e2.id}>${m1.id}`].sort());
    const conflicts = await api(a)['sync.conflicts']({});
    expect(conflicts).toHaveLength(2);
    expect(conflicts.every((c) => c.kind === 'publication' && c.cohortName === 'Spring')).toBe(true);
    expect(conflicts.map((c) => c.subject.name).sort()).toEqual(['Eli Second', 'Eve First']);
    expect(conflicts.flatMap((c) => c.endedPairs.map((p) => `${p.mentee} with ${p.mentor}`)).sort()).toEqual(['Eli Second with Milo Two', 'Eve First with Mara One']);
    // The list syncs: B shows the same conflicts; reviewing on B clears them on A after a sync.
    expect((await api(b)['sync.conflicts']({})).map((c) => c.id).sort()).toEqual(conflicts.map((c) => c.id).sort());
    for (const c of conflicts) await api(b)['sync.review']({ id: c.id });
    await syncUntilQuiet([a, b], credentials);
    expect(await api(a)['sync.conflicts']({})).toEqual([]);
    expect(await api(a)['sync.conflicts']({ includeReviewed: true })).toHaveLength(2);
    expect(cohort.id).toBeTruthy();
  }, 90_000);

  it('a mentor filled past capacity on two machines keeps the latest publication\'s pair; the other ends and is listed', async () => {
    const { a, b, credentials, m1, e1, e2, runWith, api } = await twoCoordinators(await server.database());
    publishRun(a, runWith(a, 'A plan', [[e1.id, m1.id]]).id, new Date('2027-01-05T09:00:00Z'));
    publishRun(b, runWith(b, 'B plan', [[e2.id, m1.id]]).id, new Date('2027-01-06T09:00:00Z'));
    await syncUntilQuiet([a, b], credentials);

    expect(snapshot(a)).toEqual(snapshot(b));
    expect(activePairs(a)).toEqual([`${e2.id}>${m1.id}`]);
    const [conflict, ...more] = await api(b)['sync.conflicts']({});
    expect(more).toEqual([]);
    expect(conflict).toMatchObject({ kind: 'capacity', subject: { name: 'Mara One' }, endedPairs: [{ mentee: 'Eve First', mentor: 'Mara One' }] });
    expect(conflict!.detail).toMatch(/2 active pairs for a capacity of 1/);
  }, 90_000);

  it('one coordinator\'s own state is never "resolved": conflicts need pairs made on different machines', async () => {
    const { a, b, credentials, m1, e1, e2, runWith } = await twoCoordinators(await server.database());
    // On A alone a mentor gets two mentees (a coordinator may raise a load by hand): sync leaves it.
    publishRun(a, runWith(a, 'A plan', [[e1.id, m1.id], [e2.id, m1.id]]).id, new Date('2027-01-05T09:00:00Z'));
    await syncUntilQuiet([a, b], credentials);
    expect(activePairs(b)).toHaveLength(2);
    expect(b.sqlite.prepare('SELECT count(*) AS n FROM sync_conflicts').get()).toEqual({ n: 0 });
  }, 90_000);
});
