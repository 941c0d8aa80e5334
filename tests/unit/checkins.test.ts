import { describe, expect, it } from 'vitest';
import { importCheckins, listCheckins, previewCheckins } from '../../src/core/checkins/checkins';
import { lastReportedMeetings } from '../../src/core/checkins/contact';
import { parseMeetingDate } from '../../src/core/checkins/fields';
import { formatProblem, ImportRejectedError } from '../../src/core/import';
import { activePairs, publishRun } from '../../src/core/pairs/publish';
import { addMember } from '../../src/core/participants/roster';
import { pairsOverview } from '../../src/core/pairs/overview';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { runMatchNow } from '../../src/core/runs/runs';
import { tempStore } from './temp';

const NOW = new Date('2027-04-20T12:00:00.000Z');
const START = '2027-03-01T09:00:00.000Z';

/**
 * Ana (capacity 2) and Dev (capacity 1) mentor Ben, Cleo and Eve, as the matching decides; Finn joined
 * after publishing and is in no pair. `people` names who is with whom.
 */
async function cohortWithPairs() {
  const store = await tempStore();
  const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
  const add = (fullName: string, email: string, role: 'Mentor' | 'Mentee', capacity?: number) =>
    addMember(store, cohort.id, { fullName, email, role, ...(capacity ? { capacity } : {}), timezone: 'Europe/Berlin' });
  add('Ana Ruiz', 'ana@example.org', 'Mentor', 2);
  add('Dev Rao', 'dev@example.org', 'Mentor', 1);
  add('Ben Li', 'ben@example.org', 'Mentee');
  add('Cleo Park', 'cleo@example.org', 'Mentee');
  add('Eve Adams', 'eve@example.org', 'Mentee');
  const run = await runMatchNow(store, { cohortId: cohort.id, settings: { rules: { timezone: { kind: 'none' } } } });
  publishRun(store, run.id);
  add('Finn Olsen', 'finn@example.org', 'Mentee');
  const pairs = activePairs(store, cohort.id);
  store.transact((w) => { for (const p of pairs) w.update('pairs', p.id, { started_at: START }); });
  const members = store.all(store.q.selectFrom('cohort_members as m').innerJoin('people as p', 'p.id', 'm.person_id').select(['m.id', 'p.full_name', 'p.email']).where('m.cohort_id', '=', cohort.id));
  const byName = (name: string) => members.find((m) => m.full_name.startsWith(name))!;
  const menteesOf = (mentor: string) => pairs.filter((p) => p.mentorId === byName(mentor).id).map((p) => members.find((m) => m.id === p.menteeId)!);
  if (pairs.length !== 3 || menteesOf('Ana').length !== 2) throw new Error('the fixture expects Ana with two mentees and Dev with one');
  return { store, cohort, pairs, ana: menteesOf('Ana'), dev: menteesOf('Dev')[0]! };
}

const file = (csv: string, extra: object = {}) => ({ fileName: 'checkin-april.csv', dataBase64: Buffer.from(csv).toString('base64'), ...extra });
const HEADER = 'Timestamp,Email address,Did you meet this month?,How many times did you meet?,Date of last meeting,Progress on goals,Comments';
const count = (store: Awaited<ReturnType<typeof cohortWithPairs>>['store']) => (store.sqlite.prepare('SELECT count(*) AS n FROM checkins').get() as { n: number }).n;

describe('check-in import', () => {
  it('maps a check-in form’s question headers to its fields', async () => {
    const { store, cohort } = await cohortWithPairs();
    const preview = await previewCheckins(store, { cohortId: cohort.id, ...file(`${HEADER}\n2027-04-18 10:00,eve@example.org,Yes,2,2027-04-12,On track,Good\n`) }, NOW);
    expect(preview.mapping.map((m) => m.field)).toEqual(['submittedAt', 'respondentEmail', 'met', 'timesMet', 'lastMetOn', 'goalProgress', 'comments']);
    expect(preview).toMatchObject({ totalRows: 1, validRows: 1, pairsCovered: 1, problems: [] });
  });

  it('writes nothing when a row has a problem, names it by line and column, and writes the rest when it is skipped', async () => {
    const { store, cohort, ana, dev } = await cohortWithPairs();
    const csv = [
      HEADER,
      `2027-04-18,${dev.email},Yes,2,2027-04-12,Halfway,Good talks`,
      '2027-04-18,dev@example.org,yes,1,14/04/2027,,',
      `2027-04-18,${ana[0]!.email},No,3,,,`,
      '2027-04-18,finn@example.org,Yes,1,2027-04-01,,',
      '2027-04-18,nobody@example.org,Yes,1,2027-04-01,,',
      '2027-04-18,ana@example.org,Yes,1,2027-04-02,,',
      `2027-04-18,${ana[1]!.email},Yes,1,2027-05-02,,`,
      `2027-04-18,${ana[1]!.email},Yes,1,2027-04-03,,`,
      '2027-04-18,dev@example.org,Yes,1,03/04/2027,,',
    ].join('\n');
    const input = { cohortId: cohort.id, ...file(csv) };
    const rejected = await importCheckins(store, { ...input, skipInvalid: false }, NOW).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ImportRejectedError);
    expect(count(store)).toBe(0);
    expect((rejected as ImportRejectedError).problems.map(formatProblem)).toEqual([
      'line 4, column "How many times did you meet?", value "3": the answer says they did not meet, but counts meetings',
      'line 5, column "Email address", value "finn@example.org": Finn Olsen is in no active pair of this cohort',
      'line 6, column "Email address", value "nobody@example.org": no one in this cohort has this email',
      `line 7, column "Email address", value "ana@example.org": Ana Ruiz is in 2 active pairs (with ${ana[0]!.full_name}, ${ana[1]!.full_name}): give the partner's email in a column for it`,
      'line 8, column "Date of last meeting", value "2027-05-02": is after today (2027-04-20)',
      `line 9, column "Email address", value "${ana[1]!.email}": ${ana[1]!.full_name} answered on line 8 already: keep one answer`,
      'line 10, column "Date of last meeting", value "03/04/2027": could be 3 April or 4 March: write the date as YYYY-MM-DD',
    ]);

    const result = await importCheckins(store, { ...input, skipInvalid: true }, NOW);
    expect(result).toMatchObject({ imported: 2, skipped: 7, pairsCovered: 1 });
    const list = listCheckins(store, { cohortId: cohort.id });
    expect(list.map((c) => [c.respondent.name, c.respondent.role, c.met, c.timesMet, c.lastMetOn, c.fileLine])).toEqual([
      ['Dev Rao', 'mentor', true, 1, '2027-04-14', 3],
      [dev.full_name, 'mentee', true, 2, '2027-04-12', 2],
    ]);
    // The same file again: every answer it holds was imported, so nothing is written twice.
    const again = await importCheckins(store, { ...input, skipInvalid: true }, NOW);
    expect(again).toMatchObject({ imported: 0, skipped: 9 });
    expect(again.problems.map(formatProblem)).toContain(
      `line 2, column "Email address", value "${dev.email}": this answer was imported before (“checkin-april.csv”, line 2): leave it out, or remove that check-in first`,
    );
    expect(listCheckins(store, { cohortId: cohort.id })).toHaveLength(2);
    // Dev and Eve are one pair: the later of their two reported meetings is its last contact.
    expect([...lastReportedMeetings(store, cohort.id, NOW).values()]).toEqual(['2027-04-14']);
  });

  it('takes a mentor’s answer about one of several pairs when a column names the partner', async () => {
    const { store, cohort, ana, dev } = await cohortWithPairs();
    const csv = `Your email,Mentee email,Last meeting\nana@example.org,${ana[1]!.email},2027-04-02\nana@example.org,${dev.email},2027-04-03\n`;
    const preview = await previewCheckins(store, { cohortId: cohort.id, ...file(csv) }, NOW);
    expect(preview.mapping.map((m) => m.field)).toEqual(['respondentEmail', 'partnerEmail', 'lastMetOn']);
    expect(preview.problems.map(formatProblem)).toEqual([`line 3, column "Mentee email", value "${dev.email}": Ana Ruiz has no active pair with this person`]);
    await importCheckins(store, { cohortId: cohort.id, ...file(csv), skipInvalid: true }, NOW);
    const [checkin] = listCheckins(store, { cohortId: cohort.id });
    expect(checkin).toMatchObject({ respondent: { name: 'Ana Ruiz', role: 'mentor' }, lastMetOn: '2027-04-02' });
    expect(listCheckins(store, { pairId: checkin!.pairId }).map((c) => c.lastMetOn)).toEqual(['2027-04-02']);
    const pair = activePairs(store, cohort.id).find((p) => p.id === checkin!.pairId)!;
    expect(pair.menteeId).toBe(ana[1]!.id);
  });

  it('refuses a file without a respondent email column, naming the field', async () => {
    const { store, cohort } = await cohortWithPairs();
    const preview = await previewCheckins(store, { cohortId: cohort.id, ...file('Met?,Comments\nyes,hi\n') }, NOW);
    expect(preview.missingFields).toEqual(['Respondent email']);
    await expect(importCheckins(store, { cohortId: cohort.id, ...file('Met?,Comments\nyes,hi\n'), skipInvalid: true }, NOW)).rejects.toThrow('Respondent email');
    expect(count(store)).toBe(0);
  });
});

describe('check-ins in pair health', () => {
  it('count a reported last meeting as last contact: a lapsed pair is on track again, and a later held session still wins', async () => {
    const { store, cohort, dev } = await cohortWithPairs();
    const health = () => pairsOverview(store, cohort.id, NOW).pairs.find((p) => p.mentee.email === dev.email)!;
    // Started 2027-03-01, nothing held by 2027-04-20: 50 days, past twice the 14-day cadence.
    expect(health()).toMatchObject({ health: 'at-risk', lastContact: null, daysWithout: 50 });
    await importCheckins(store, { cohortId: cohort.id, ...file(`Email,Date of last meeting\n${dev.email},2027-04-12\n`), skipInvalid: false }, NOW);
    expect(health()).toMatchObject({ health: 'on-track', lastContact: '2027-04-12T12:00:00.000Z', daysWithout: 8, rule: 'last met 8 days ago (check-in), cadence 14', held: 0 });
    await importCheckins(store, { cohortId: cohort.id, ...file(`Email,Date of last meeting\ndev@example.org,2027-03-20\n`), skipInvalid: false }, NOW);
    expect(health().lastContact).toBe('2027-04-12T12:00:00.000Z');
    // A meeting reported for a date still ahead of the clock asked about does not count yet.
    expect(pairsOverview(store, cohort.id, new Date('2027-04-10T12:00:00.000Z')).pairs.find((p) => p.mentee.email === dev.email)).toMatchObject({ lastContact: '2027-03-20T12:00:00.000Z' });
  });
});

describe('meeting dates', () => {
  it('reads ISO, worded and one-way numeric dates, and refuses ambiguous or impossible ones', () => {
    expect(parseMeetingDate('2027-03-14')).toEqual({ ok: true, value: '2027-03-14' });
    expect(parseMeetingDate('2027-03-14 18:30:00')).toEqual({ ok: true, value: '2027-03-14' });
    expect(parseMeetingDate('14 March 2027')).toEqual({ ok: true, value: '2027-03-14' });
    expect(parseMeetingDate('March 14, 2027')).toEqual({ ok: true, value: '2027-03-14' });
    expect(parseMeetingDate('3/14/2027')).toEqual({ ok: true, value: '2027-03-14' });
    expect(parseMeetingDate('14.03.2027')).toEqual({ ok: true, value: '2027-03-14' });
    expect(parseMeetingDate('2027-02-30')).toEqual({ ok: false, reason: 'not a date on the calendar ("2027-02-30")' });
    expect(parseMeetingDate('last week')).toEqual({ ok: false, reason: 'not a date (write it as YYYY-MM-DD)' });
  });
});
