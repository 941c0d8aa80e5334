import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-run';
import { runImport } from '../../src/core/import';
import { listMembers, updateMember } from '../../src/core/participants/members';
import { ensureProgramAndCohort, updateCohort, updateProgram } from '../../src/core/programs/programs';
import { getRun, listRuns, runMatchNow } from '../../src/core/runs/runs';
import { bytes, tempDir, tempStore } from './temp';

const SAMPLE = join(__dirname, '../../resources/sample-cohort.csv');
const HEADER = 'Full name,Email,Role,Time zone,Max mentees,Interests,Expertise,Team';

async function smallCohort() {
  const store = await tempStore();
  const cohort = ensureProgramAndCohort(store, 'P', 'C');
  const csv = [
    HEADER,
    'Mia Mentor,mia@example.org,mentor,Europe/Berlin,1,,"machine learning, python",Data',
    'Max Mentor,max@example.org,mentor,America/Los_Angeles,1,,"public speaking, leadership",Sales',
    'Ed Mentee,ed@example.org,mentee,Europe/Paris,,"machine learning",Web',
    'Lu Mentee,lu@example.org,mentee,America/Denver,,"leadership, public speaking",Ops',
  ].join('\n');
  await runImport(store, { cohortId: cohort.id, fileName: 'c.csv', bytes: bytes(csv), skipInvalid: false });
  return { store, cohort };
}

describe('matching runs', () => {
  it('matches a cohort by topic and saves the run as a draft run that re-opens identically', async () => {
    const { store, cohort } = await smallCohort();
    const run = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    const byId = new Map(listMembers(store, cohort.id).map((m) => [m.id, m.email]));
    const pairs = run.result.assignments.map((a) => `${byId.get(a.menteeId)}→${byId.get(a.mentorId)}`).sort();
    expect(pairs).toEqual(['ed@example.org→mia@example.org', 'lu@example.org→max@example.org']);
    expect(run).toMatchObject({ status: 'draft', name: 'Run 1', matched: 2, unmatched: 0, optimal: true });
    expect(getRun(store, run.id).result).toEqual(run.result);
    expect(listRuns(store, cohort.id).map((r) => r.id)).toEqual([run.id]);
  });

  it('takes offsets at the cohort start date and honours the program approval rule', async () => {
    const { store, cohort } = await smallCohort();
    // Berlin–Paris 0 h, Los Angeles–Denver 1 h: a 2 h limit keeps both pairs, a cross pairing is impossible.
    const tight = await runMatchNow(store, { cohortId: cohort.id, settings: { rules: { timezone: { kind: 'max-offset-diff', hours: 2 } } } });
    expect(tight.matched).toBe(2);
    expect(tight.settings.startDate).toBeNull();
    updateCohort(store, { id: cohort.id, startDate: '2027-03-15' });
    const dated = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    expect(dated.settings.startDate).toBe('2027-03-15');
    expect(dated.result.stats.referenceDate).toBe('2027-03-15');

    updateProgram(store, { id: cohort.programId, settings: { requireMentorApproval: true } });
    const mia = listMembers(store, cohort.id).find((m) => m.email === 'mia@example.org')!;
    updateMember(store, mia.id, { approval: 'approved' });
    const approvedOnly = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    expect(approvedOnly.matched).toBe(1);
    expect(approvedOnly.settings.rules.requireApprovedMentors).toBe(true);
    expect(approvedOnly.result.unmatched).toHaveLength(1);
    expect(approvedOnly.result.unmatched[0]!.reason).toBe('the only eligible mentor is full with mentees who fit them better overall');
  });

  it("re-running a saved run's settings reproduces its result exactly", async () => {
    const store = await tempStore();
    const cohort = ensureProgramAndCohort(store, 'P', 'C');
    await runImport(store, { cohortId: cohort.id, fileName: 's.csv', bytes: bytes(readFileSync(SAMPLE, 'utf8')), skipInvalid: false });
    const members = listMembers(store, cohort.id);
    const first = await runMatchNow(store, {
      cohortId: cohort.id,
      settings: {
        mode: 'max-matched-then-score',
        rules: { timezone: { kind: 'min-overlap', hours: 1 } },
        lockedPairs: [{ menteeId: members.find((m) => m.role === 'mentee')!.id, mentorId: members.find((m) => m.role === 'mentor')!.id }],
      },
    });
    const again = await runMatchNow(store, { cohortId: cohort.id, settings: getRun(store, first.id).settings });
    expect(again.result.assignments).toEqual(first.result.assignments);
    expect(again.result.unmatched).toEqual(first.result.unmatched);
    expect(again.result.objective).toBe(first.result.objective);
  });

  it('refuses to match a cohort without mentors', async () => {
    const store = await tempStore();
    const cohort = ensureProgramAndCohort(store, 'P', 'Empty');
    await expect(runMatchNow(store, { cohortId: cohort.id, settings: {} })).rejects.toThrow('no mentees to match');
  });
});

describe('pairwise solve and match', () => {
  it('solve prints the optimum as JSON and names bad input', async () => {
    const dir = tempDir();
    const file = join(dir, 'p.json');
    writeFileSync(
      file,
      JSON.stringify({
        mode: 'max-score',
        mentors: [{ id: 'm1', capacity: 1 }, { id: 'm2' }],
        mentees: [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }],
        // Greedy would take e1–m1 (0.9) and then e2–m2 (0.1): 1.0. The optimum is 0.8 + 0.7 = 1.5.
        pairs: [
          { mentee: 'e1', mentor: 'm1', score: 0.9 },
          { mentee: 'e1', mentor: 'm2', score: 0.8 },
          { mentee: 'e2', mentor: 'm1', score: 0.7 },
          { mentee: 'e2', mentor: 'm2', score: 0.1 },
        ],
      }),
    );
    const result = await cli('solve', file);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { status: string; objective: number; matched: number; assignments: unknown[]; unmatched: string[] };
    expect(output.status).toBe('optimal');
    expect(output.objective).toBeCloseTo(1.5, 9);
    expect(output.assignments).toEqual([
      { mentee: 'e1', mentor: 'm2', score: 0.8 },
      { mentee: 'e2', mentor: 'm1', score: 0.7 },
    ]);
    expect(output.unmatched).toEqual(['e3']);

    writeFileSync(file, JSON.stringify({ mode: 'max-score', mentors: [{ id: 'm1' }], mentees: [{ id: 'e1' }], pairs: [{ mentee: 'e1', mentor: 'm9', score: 1 }] }));
    const bad = await cli('solve', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('m9');
    writeFileSync(file, '{not json');
    expect((await cli('solve', file)).stderr).toContain('is not valid JSON');
  });

  it('match --json matches an imported cohort, explains the unmatched, and saves a draft run', async () => {
    const db = join(tempDir(), 'w.sqlite');
    await cli('import', SAMPLE, '--db', db, '--program', 'P', '--cohort', 'C');
    const result = await cli('match', '--db', db, '--cohort', 'C', '--max-tz-diff', '3', '--mode', 'max-matched-then-score', '--json');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      status: string; matched: number; runId: string;
      assignments: { mentee: string; mentor: string; score: number; tzDiffHours: number; breakdown: Record<string, number> }[];
      unmatched: { email: string; reason: string }[];
    };
    expect(output.status).toBe('optimal');
    expect(output.matched + output.unmatched.length).toBe(60);
    expect(output.assignments.every((a) => a.tzDiffHours <= 3)).toBe(true);
    expect(output.assignments[0]!.mentee).toMatch(/@example\.org$/);
    expect(Object.keys(output.assignments[0]!.breakdown)).toContain('content');
    expect(output.unmatched.every((u) => u.reason.length > 10)).toBe(true);
    expect((await cli('match', '--db', db, '--cohort', 'C', '--max-tz-diff', '3', '--min-overlap', '2')).code).toBe(2);
    expect((await cli('match', '--db', db, '--cohort', 'C', '--mode', 'best')).code).toBe(2);
  });
});
