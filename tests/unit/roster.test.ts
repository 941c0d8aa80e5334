import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import type { MethodName, MethodOutput } from '../../src/core/api/contract';
import { runImport } from '../../src/core/import';
import { publishRun } from '../../src/core/pairs/publish';
import { listMembers, updateMember } from '../../src/core/participants/members';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { runMatchNow } from '../../src/core/runs/runs';
import { tempStore } from './temp';

async function workspace() {
  const store = await tempStore();
  const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
  await runImport(store, { cohortId: cohort.id, fileName: 's.csv', bytes: readFileSync(join(__dirname, '../../resources/sample-cohort.csv')), skipInvalid: false });
  const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources') });
  const call = async <M extends MethodName>(method: M, input: unknown) => {
    const result = await dispatch(handlers, method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as MethodOutput<M>;
  };
  return { store, cohort, call };
}

describe('the roster beyond import', () => {
  it('adds a person by hand with the same checks as an imported row, naming the field, and refuses someone already in the cohort', async () => {
    const { cohort, call } = await workspace();
    await expect(call('members.add', { cohortId: cohort.id, person: { fullName: 'Zoë Ng', email: 'zoe@example', role: 'mentor', timezone: 'Mars/Base' } })).rejects.toThrow(
      /^Email: value "zoe@example": not a valid email address\nTime zone: value "Mars\/Base"/,
    );
    const added = await call('members.add', {
      cohortId: cohort.id,
      person: { fullName: 'Zoë Ng', email: ' Zoe@Example.org ', role: 'Mentor', timezone: 'Europe/Berlin', capacity: 2, languages: ['English', 'German'], availability: 'Tue 08:00-09:30' },
    });
    expect(added).toMatchObject({ fullName: 'Zoë Ng', email: 'zoe@example.org', role: 'mentor', capacity: 2, timezone: 'Europe/Berlin', languages: ['English', 'German'], approval: 'pending' });
    expect(added.availability).toEqual([{ day: 1, start: 480, end: 570 }]);
    await expect(call('members.add', { cohortId: cohort.id, person: { fullName: 'Zoe', email: 'zoe@example.org', role: 'mentee' } })).rejects.toThrow(
      'zoe@example.org is already in Spring as Zoë Ng',
    );
  });

  it('approves many at once and can put every approval back as it was', async () => {
    const { store, cohort, call } = await workspace();
    const mentors = listMembers(store, cohort.id).filter((m) => m.role === 'mentor');
    const { before } = await call('members.setApprovals', { changes: mentors.map((m) => ({ id: m.id, approval: 'approved' })) });
    expect(listMembers(store, cohort.id).filter((m) => m.role === 'mentor').every((m) => m.approval === 'approved')).toBe(true);
    expect(before).toEqual(mentors.map((m) => ({ id: m.id, approval: m.approval })));
    await call('members.setApprovals', { changes: before });
    expect(listMembers(store, cohort.id).filter((m) => m.role === 'mentor').map((m) => m.approval)).toEqual(mentors.map((m) => m.approval));
  });

  it('exports the mentees without a pair and the mentors with spare slots, by the published pairs', async () => {
    const { store, cohort, call } = await workspace();
    const run = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    publishRun(store, run.id);
    // A mentor given one more slot after publishing has room for one more mentee.
    const roomy = listMembers(store, cohort.id).find((m) => m.role === 'mentor')!;
    updateMember(store, roomy.id, { capacity: roomy.capacity + 1 });
    const file = await call('members.exportLeftovers', { cohortId: cohort.id, format: 'csv' });
    expect(file.fileName).toBe('spring-not-yet-matched.csv');
    const rows = Papa.parse<Record<string, string>>(Buffer.from(file.dataBase64, 'base64').toString('utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const mentees = rows.filter((r) => r.Role === 'mentee');
    expect(mentees).toHaveLength(run.result.unmatched.length);
    const load = new Map<string, number>();
    for (const a of run.result.assignments) load.set(a.mentorId, (load.get(a.mentorId) ?? 0) + 1);
    const spare = listMembers(store, cohort.id).filter((m) => m.role === 'mentor' && m.capacity > (load.get(m.id) ?? 0));
    expect(rows.filter((r) => r.Role === 'mentor').map((r) => r.Email).sort()).toEqual(spare.map((m) => m.email).sort());
    expect(rows.find((r) => r.Email === roomy.email)?.['Spare slots']).toBe(String(roomy.capacity + 1 - (load.get(roomy.id) ?? 0)));
    const xlsx = await call('members.exportLeftovers', { cohortId: cohort.id, format: 'xlsx' });
    expect(xlsx.fileName).toBe('spring-not-yet-matched.xlsx');
  });
});

describe('editing availability by hand', () => {
  it('reads typed availability like an imported cell, names the problem, and writes nothing on a mistake', async () => {
    const { store, cohort } = await workspace();
    const member = listMembers(store, cohort.id)[0]!;
    const updated = updateMember(store, member.id, { availabilityText: 'Tue 08:00-09:30; weekdays 18-19' });
    expect(updated.availability).toContainEqual({ day: 1, start: 480, end: 570 });
    expect(updated.availability.filter((w) => w.start === 1080 && w.end === 1140)).toHaveLength(5);
    expect(() => updateMember(store, member.id, { availabilityText: 'Caturday 9-10' })).toThrow('Weekly availability "Caturday 9-10": "Caturday" is not a day');
    expect(listMembers(store, cohort.id)[0]!.availability).toEqual(updated.availability);
    // What the drawer shows ("Tue 08:00-09:30; …") reads back to the same windows.
    const shown = updated.availability.map((w) => `${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][w.day]} ${String(Math.floor(w.start / 60)).padStart(2, '0')}:${String(w.start % 60).padStart(2, '0')}-${String(Math.floor(w.end / 60)).padStart(2, '0')}:${String(w.end % 60).padStart(2, '0')}`).join('; ');
    expect(updateMember(store, member.id, { availabilityText: shown }).availability).toEqual(updated.availability);
  });
});
