import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/core/import';
import { RunJobs } from '../../src/core/runs/jobs';
import { rematchSettings } from '../../src/core/runs/rematch';
import { inlineRunner } from '../../src/core/runs/runner';
import { addEdit } from '../../src/core/edits/edits';
import { listMembers } from '../../src/core/participants/members';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { compareRuns } from '../../src/core/runs/compare';
import { exportCsv, exportEmlZip, exportXlsx } from '../../src/core/runs/export';
import { activePairs, dissolvePair, listPublications, publishRun } from '../../src/core/pairs/publish';
import { getRun, prepareRun, runMatchNow } from '../../src/core/runs/runs';
import { generateRegistrationCsv } from '../../src/core/sample/generate';
import { bytes, tempStore } from './temp';

async function sampleCohort(mentors = 6, mentees = 14) {
  const store = await tempStore();
  const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
  await runImport(store, { cohortId: cohort.id, fileName: 'c.csv', bytes: bytes(generateRegistrationCsv({ mentors, mentees, seed: 5 })), skipInvalid: false });
  return { store, cohort, members: listMembers(store, cohort.id) };
}

describe('publishing runs', () => {
  it('publishes a run as active pairs, keeps surviving pairs on re-publish and ends the others', async () => {
    const { store, cohort } = await sampleCohort();
    const first = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    const published = publishRun(store, first.id);
    expect(published).toMatchObject({ kept: 0, added: first.result.assignments.length, ended: 0 });
    expect(getRun(store, first.id).status).toBe('published');
    const before = activePairs(store, cohort.id);
    expect(before).toHaveLength(first.result.assignments.length);

    // Forbid one published pair: the next run differs there, and re-publishing ends just the changed pairs.
    const victim = first.result.assignments[0]!;
    const second = await runMatchNow(store, { cohortId: cohort.id, settings: { forbiddenPairs: [{ menteeId: victim.menteeId, mentorId: victim.mentorId }] } });
    const diff = compareRuns(first, second);
    const republished = publishRun(store, second.id);
    expect(republished.kept).toBe(diff.same);
    expect(republished.added).toBe(second.result.assignments.length - diff.same);
    expect(republished.ended).toBe(first.result.assignments.length - diff.same);
    const after = activePairs(store, cohort.id);
    expect(after.some((p) => p.menteeId === victim.menteeId && p.mentorId === victim.mentorId)).toBe(false);
    const survivor = before.find((p) => after.some((q) => q.id === p.id));
    expect(survivor).toBeDefined();
    expect(listPublications(store, cohort.id).map((p) => p.runName)).toEqual([second.name, first.name]);
  });

  it('re-matches mid-cycle keeping active pairs fixed, never re-making a dissolved pair, waiting people first', async () => {
    const { store, cohort } = await sampleCohort();
    expect(() => rematchSettings(store, cohort.id)).toThrow('Nothing is published for this cohort yet');
    const first = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    publishRun(store, first.id);
    const pairs = activePairs(store, cohort.id);
    const dissolved = dissolvePair(store, pairs[0]!.id);
    expect(dissolved.status).toBe('dissolved');
    const kept = activePairs(store, cohort.id);
    // A coordinator's own lock of a published mentee elsewhere wins over keeping the published pair.
    const moved = kept[1]!;
    const otherMentor = first.result.assignments.find((a) => a.mentorId !== moved.mentorId)!.mentorId;
    addEdit(store, cohort.id, { kind: 'lock', menteeId: moved.menteeId, mentorId: otherMentor });

    const settings = rematchSettings(store, cohort.id);
    expect(settings.mode).toBe('max-matched-then-score');
    const rematch = await runMatchNow(store, { cohortId: cohort.id, settings });
    for (const p of kept) {
      const expected = p.menteeId === moved.menteeId ? otherMentor : p.mentorId;
      expect(rematch.result.assignments.find((a) => a.menteeId === p.menteeId)).toMatchObject({ mentorId: expected, locked: true });
    }
    expect(rematch.result.assignments.find((a) => a.menteeId === dissolved.menteeId)?.mentorId).not.toBe(dissolved.mentorId);
  });
});

describe('comparing runs', () => {
  it('reports coverage and score deltas and each mentee whose mentor changed', async () => {
    const { store, cohort } = await sampleCohort();
    const a = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    const b = await runMatchNow(store, { cohortId: cohort.id, settings: { rules: { timezone: { kind: 'max-offset-diff', hours: 1 } } } });
    const diff = compareRuns(a, b);
    expect(diff.delta.matched).toBe(b.matched - a.matched);
    expect(diff.delta.totalScore).toBeCloseTo(b.result.totalScore - a.result.totalScore, 9);
    expect(diff.same + diff.differences.length).toBe(new Set([...a.result.assignments, ...b.result.assignments].map((x) => x.menteeId)).size);
    expect(compareRuns(a, a)).toMatchObject({ differences: [], delta: { matched: 0, totalScore: 0 } });
  });
});

describe('exports', () => {
  it('exports pairs as CSV and XLSX with names, emails, time zones, score and reasons', async () => {
    const { store, cohort, members } = await sampleCohort();
    const run = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    const csv = exportCsv(run, members, cohort.name);
    expect(csv.fileName).toBe('spring-run-1-pairs.csv');
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(csv.bytes).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(run.result.assignments.length);
    const first = parsed.data[0]!;
    const mentor = members.find((m) => m.email === first['Mentor email'])!;
    const mentee = members.find((m) => m.email === first['Mentee email'])!;
    expect(run.result.assignments.some((a) => a.menteeId === mentee.id && a.mentorId === mentor.id)).toBe(true);
    expect(first['Mentor time zone']).toBe(mentor.timezone);
    expect(Number(first.Score)).toBeGreaterThan(0);
    expect(first['Why this pair']).toMatch(/topics|language|seniority|availability|department/);

    const xlsx = await exportXlsx(run, members, cohort.name);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Pairs')!;
    expect(sheet.rowCount).toBe(run.result.assignments.length + 1);
    expect(sheet.getRow(1).getCell(2).value).toBe('Mentee email');
  });

  it('writes one introduction .eml per pair, addressed to both people', async () => {
    const { store, cohort, members } = await sampleCohort(3, 4);
    const run = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    const zipFile = await exportEmlZip(run, members, { from: { name: 'Program Team', address: 'team@example.org' }, programName: 'Mentoring', cohortName: cohort.name });
    const zip = await JSZip.loadAsync(zipFile.bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(run.result.assignments.length);
    const eml = await zip.file(names[0]!)!.async('string');
    const unfolded = eml.replace(/\r\n[ \t]/g, ' ');
    expect(unfolded).toMatch(/\r\nFrom: Program Team <team@example.org>\r\nTo: [^\r\n<]+ <\S+@example\.org>, [^\r\n<]+ <\S+@example\.org>\r\n/);
    // Quoted-printable: soft line breaks ("=" at a line end) joined, UTF-8 bytes decoded.
    const qp = eml.slice(eml.indexOf('\r\n\r\n') + 4).replace(/=\r\n/g, '');
    const body = Buffer.from(qp.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    expect(body).toContain('Welcome to Mentoring!');
    expect(body).toContain('Why we paired you');
    expect(body).toContain('— the Mentoring team');
  });
});

describe('runs under way', () => {
  it('reports progress, saves the run under its own id when done, and can be cancelled', async () => {
    const { store, cohort } = await sampleCohort(40, 100);
    const jobs = new RunJobs(store, inlineRunner(), () => new Date('2027-01-11T09:00:00Z'));
    const started = jobs.start({ cohortId: cohort.id, ...prepareRun(store, { cohortId: cohort.id, settings: {} }) });
    expect(started).toMatchObject({ state: 'running', startedAt: '2027-01-11T09:00:00.000Z' });
    const done = await jobs.wait(started.id);
    expect(done.state).toBe('done');
    expect(getRun(store, started.id).matched).toBeGreaterThan(0);

    const cancelled = jobs.start({ cohortId: cohort.id, ...prepareRun(store, { cohortId: cohort.id, settings: {} }) });
    expect(jobs.cancel(cancelled.id).state).toBe('cancelled');
    expect(await jobs.wait(cancelled.id)).toMatchObject({ state: 'cancelled' });
    expect(() => getRun(store, cancelled.id)).toThrow('No matching run');
  });
});
