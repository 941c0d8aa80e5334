import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/core/import';
import { inlineRunner, MatchJobs } from '../../src/core/jobs/match-jobs';
import { listMembers } from '../../src/core/participants/members';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { compareRounds } from '../../src/core/rounds/compare';
import { exportCsv, exportEmlZip, exportXlsx } from '../../src/core/rounds/export';
import { activePairs, dissolvePair, listPublications, publishRound } from '../../src/core/rounds/publish';
import { getRound, runMatchRound } from '../../src/core/rounds/rounds';
import { generateRegistrationCsv } from '../../src/core/sample/generate';
import { bytes, tempStore } from './temp';

async function sampleCohort(mentors = 6, mentees = 14) {
  const store = await tempStore();
  const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
  await runImport(store, { cohortId: cohort.id, fileName: 'c.csv', bytes: bytes(generateRegistrationCsv({ mentors, mentees, seed: 5 })), skipInvalid: false });
  return { store, cohort, members: listMembers(store, cohort.id) };
}

describe('publishing rounds', () => {
  it('publishes a round as active pairs, keeps surviving pairs on re-publish and ends the others', async () => {
    const { store, cohort } = await sampleCohort();
    const first = await runMatchRound(store, { cohortId: cohort.id, settings: {} });
    const published = publishRound(store, first.id);
    expect(published).toMatchObject({ kept: 0, added: first.result.assignments.length, ended: 0 });
    expect(getRound(store, first.id).status).toBe('published');
    const before = activePairs(store, cohort.id);
    expect(before).toHaveLength(first.result.assignments.length);

    // Forbid one published pair: the next run differs there, and re-publishing ends just the changed pairs.
    const victim = first.result.assignments[0]!;
    const second = await runMatchRound(store, { cohortId: cohort.id, settings: { forbiddenPairs: [{ menteeId: victim.menteeId, mentorId: victim.mentorId }] } });
    const diff = compareRounds(first, second);
    const republished = publishRound(store, second.id);
    expect(republished.kept).toBe(diff.same);
    expect(republished.added).toBe(second.result.assignments.length - diff.same);
    expect(republished.ended).toBe(first.result.assignments.length - diff.same);
    const after = activePairs(store, cohort.id);
    expect(after.some((p) => p.menteeId === victim.menteeId && p.mentorId === victim.mentorId)).toBe(false);
    const survivor = before.find((p) => after.some((q) => q.id === p.id));
    expect(survivor).toBeDefined();
    expect(listPublications(store, cohort.id).map((p) => p.roundName)).toEqual([second.name, first.name]);
  });

  it('re-matches mid-cycle keeping active pairs fixed and filling a dissolved pair', async () => {
    const { store, cohort } = await sampleCohort();
    const first = await runMatchRound(store, { cohortId: cohort.id, settings: {} });
    publishRound(store, first.id);
    const pairs = activePairs(store, cohort.id);
    const dissolved = dissolvePair(store, pairs[0]!.id);
    expect(dissolved.status).toBe('dissolved');
    const kept = activePairs(store, cohort.id);
    const rematch = await runMatchRound(store, {
      cohortId: cohort.id,
      settings: { lockedPairs: kept.map((p) => ({ menteeId: p.menteeId, mentorId: p.mentorId })), forbiddenPairs: [{ menteeId: dissolved.menteeId, mentorId: dissolved.mentorId }] },
    });
    for (const p of kept) {
      expect(rematch.result.assignments.find((a) => a.menteeId === p.menteeId)).toMatchObject({ mentorId: p.mentorId, locked: true });
    }
    expect(rematch.result.assignments.find((a) => a.menteeId === dissolved.menteeId)?.mentorId).not.toBe(dissolved.mentorId);
  });
});

describe('comparing rounds', () => {
  it('reports coverage and score deltas and each mentee whose mentor changed', async () => {
    const { store, cohort } = await sampleCohort();
    const a = await runMatchRound(store, { cohortId: cohort.id, settings: {} });
    const b = await runMatchRound(store, { cohortId: cohort.id, settings: { rules: { timezone: { kind: 'max-offset-diff', hours: 1 } } } });
    const diff = compareRounds(a, b);
    expect(diff.delta.matched).toBe(b.matched - a.matched);
    expect(diff.delta.totalScore).toBeCloseTo(b.result.totalScore - a.result.totalScore, 9);
    expect(diff.same + diff.differences.length).toBe(new Set([...a.result.assignments, ...b.result.assignments].map((x) => x.menteeId)).size);
    expect(compareRounds(a, a)).toMatchObject({ differences: [], delta: { matched: 0, totalScore: 0 } });
  });
});

describe('exports', () => {
  it('exports pairs as CSV and XLSX with names, emails, time zones, score and reasons', async () => {
    const { store, cohort, members } = await sampleCohort();
    const round = await runMatchRound(store, { cohortId: cohort.id, settings: {} });
    const csv = exportCsv(round, members, cohort.name);
    expect(csv.fileName).toBe('spring-run-1-pairs.csv');
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(csv.bytes).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(round.result.assignments.length);
    const first = parsed.data[0]!;
    const mentor = members.find((m) => m.email === first['Mentor email'])!;
    const mentee = members.find((m) => m.email === first['Mentee email'])!;
    expect(round.result.assignments.some((a) => a.menteeId === mentee.id && a.mentorId === mentor.id)).toBe(true);
    expect(first['Mentor time zone']).toBe(mentor.timezone);
    expect(Number(first.Score)).toBeGreaterThan(0);
    expect(first['Why this pair']).toMatch(/topics|language|seniority|availability|department/);

    const xlsx = await exportXlsx(round, members, cohort.name);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Pairs')!;
    expect(sheet.rowCount).toBe(round.result.assignments.length + 1);
    expect(sheet.getRow(1).getCell(2).value).toBe('Mentee email');
  });

  it('writes one introduction .eml per pair, addressed to both people', async () => {
    const { store, cohort, members } = await sampleCohort(3, 4);
    const round = await runMatchRound(store, { cohortId: cohort.id, settings: {} });
    const zipFile = await exportEmlZip(round, members, { from: 'Program Team <team@example.org>', programName: 'Mentoring', cohortName: cohort.name });
    const zip = await JSZip.loadAsync(zipFile.bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(round.result.assignments.length);
    const eml = await zip.file(names[0]!)!.async('string');
    expect(eml).toMatch(/^From: Program Team <team@example.org>\r\nTo: \S+@example\.org, \S+@example\.org\r\n/);
    const body = Buffer.from(eml.split('\r\n\r\n')[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8');
    expect(body).toContain('Welcome to Mentoring!');
    expect(body).toContain('Why we paired you');
  });
});

describe('matching jobs', () => {
  it('reports progress, saves the round when done, and can be cancelled', async () => {
    const { store, cohort } = await sampleCohort(40, 100);
    const jobs = new MatchJobs(store, inlineRunner());
    const job = jobs.start({ cohortId: cohort.id, settings: {} });
    expect(job.state).toBe('running');
    await new Promise((r) => setTimeout(r, 50));
    let state = jobs.get(job.id);
    for (let i = 0; i < 100 && state.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = jobs.get(job.id);
    }
    expect(state.state).toBe('done');
    expect(getRound(store, state.roundId!).matched).toBeGreaterThan(0);

    const cancelled = jobs.start({ cohortId: cohort.id, settings: {} });
    expect(jobs.cancel(cancelled.id).state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 200));
    expect(jobs.get(cancelled.id)).toMatchObject({ state: 'cancelled', roundId: null });
  });
});
