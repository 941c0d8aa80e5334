import { describe, expect, it } from 'vitest';
import { addMember } from '../../../src/core/participants/roster';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import { applyChanges } from '../../../src/core/sync/apply';
import { ownChangesAfter } from '../../../src/core/sync/local';
import { tempStore } from '../temp';
import { snapshot } from './replicas';

/**
 * Pages are whole messages and messages are slices of 2,000 changes, so one transaction's changes (a
 * row's creation) can be split between two pages: the bench found rows that were never inserted.
 */
describe('applying pages', () => {
  it('a row whose creation is split across two pages is inserted once all its columns are in', async () => {
    const a = await tempStore('a.sqlite');
    const b = await tempStore('b.sqlite');
    const cohort = ensureProgramAndCohort(a, 'Mentoring', 'Spring');
    const member = addMember(a, cohort.id, { fullName: 'Ana Ruiz', email: 'ana@example.org', role: 'Mentor', capacity: 2 });
    const { changes } = ownChangesAfter(a, 0, 10_000);
    const ofMember = changes.filter((c) => c.rowId === member.id);
    const split = changes.indexOf(ofMember[Math.floor(ofMember.length / 2)]!);
    const now = new Date().toISOString();

    applyChanges(b, changes.slice(0, split), { now });
    expect(b.sqlite.prepare('SELECT count(*) AS n FROM cohort_members').get()).toEqual({ n: 0 });
    const second = applyChanges(b, changes.slice(split), { now });
    expect(second.applied).toBeGreaterThan(0);
    expect(snapshot(b)).toEqual(snapshot(a));

    // The same page delivered twice, erased changes included, adds nothing.
    const again = applyChanges(b, [...changes, ...changes].map((c, i) => (i % 7 === 0 ? { ...c, erased: true, value: 'null' } : c)), { now });
    expect(again.applied).toBe(0);
    expect(again.duplicates).toBe(changes.length * 2);
    expect(snapshot(b)).toEqual(snapshot(a));
  });
});
