import { describe, expect, it } from 'vitest';
import { explainExtraSlot, explainForcedPair, gainOverGreedy } from '../../../src/core/matching/explain';
import { MatchCancelled } from '../../../src/core/matching/errors';
import { greedyMatch } from '../../../src/core/matching/greedy';
import { matchCohort, matchCohortAsync, type MatchResult } from '../../../src/core/matching/match-cohort';
import { MatchSettings } from '../../../src/core/matching/settings';
import { contentOnly, mentee, mentor, randomCohort } from './fixtures';

/** Greedy grabs x–A (best pair) and strands y, whose only allowed mentor is A. */
const trap = () => [
  mentee('x', { interests: ['rust', 'go'] }),
  mentee('y', { interests: ['go'] }),
  mentor('A', { expertise: ['rust', 'go'] }),
  mentor('B', { expertise: ['rust'] }),
];
const trapSettings = () => contentOnly({ forbiddenPairs: [{ menteeId: 'y', mentorId: 'B' }] });
const pairsOf = (r: MatchResult) => r.assignments.map((a) => `${a.menteeId}->${a.mentorId}`);

describe('matchCohort: optimality a user notices', () => {
  it('beats greedy on a crafted instance and says by how much', () => {
    const res = matchCohort(trap(), trapSettings());
    expect(pairsOf(res)).toEqual(['x->B', 'y->A']);
    expect(res.status).toBe('optimal');
    expect(res.certificate.verified).toBe(true);
    expect(res.certificate.gap).toBe(0);
    const g = greedyMatch(trap(), trapSettings());
    expect(g.assignments.map((a) => `${a.menteeId}->${a.mentorId}`)).toEqual(['x->A']);
    const cmp = gainOverGreedy(trap(), trapSettings(), { base: res });
    expect(cmp.gain).toBeGreaterThan(0.2);
    expect(cmp.optimalMatched).toBe(2);
    expect(cmp.greedyMatched).toBe(1);
  });

  it('max-matched-then-score matches more mentees when max-score prefers fewer, better pairs', () => {
    // m1 fits a perfectly; b can only use m1 (team rule keeps b from m2); a also fits m2 a bit.
    const members = [
      mentee('a', { interests: ['rust', 'go', 'sql'], team: 't1' }),
      mentee('b', { interests: ['cooking'], team: 't2' }),
      mentor('m1', { expertise: ['rust', 'go', 'sql', 'cooking'], team: 't9' }),
      mentor('m2', { expertise: ['sql'], team: 't2' }),
    ];
    const best = matchCohort(members, contentOnly({ mode: 'max-score' }));
    const most = matchCohort(members, contentOnly({ mode: 'max-matched-then-score' }));
    expect(most.matched).toBeGreaterThanOrEqual(best.matched);
    expect(most.matched).toBe(2);
    expect(pairsOf(most)).toEqual(['a->m2', 'b->m1']);
    expect(best.objective).toBeGreaterThanOrEqual(most.objective - 1e-12);
  });

  it('respects capacity, never pairs forbidden or earlier pairs, never matches a person with themselves', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const members = randomCohort(seed, 30, 10);
      // Make one mentee the same person as a mentor.
      members[0] = { ...members[0]!, personId: 'same-person' };
      members[30] = { ...members[30]!, personId: 'same-person' };
      const forbidden = [{ menteeId: 'e1', mentorId: 'm1' }, { menteeId: 'e2', mentorId: 'm2' }];
      const earlier = [{ menteeId: 'e3', mentorId: 'm3' }];
      const res = matchCohort(members, MatchSettings.parse({ startDate: '2025-02-03', forbiddenPairs: forbidden, earlierPairs: earlier }));
      const load = new Map<string, number>();
      for (const a of res.assignments) load.set(a.mentorId, (load.get(a.mentorId) ?? 0) + 1);
      for (const m of members.filter((x) => x.role === 'mentor')) expect(load.get(m.id) ?? 0).toBeLessThanOrEqual(m.capacity);
      const got = new Set(pairsOf(res));
      for (const f of [...forbidden, ...earlier]) expect(got.has(`${f.menteeId}->${f.mentorId}`)).toBe(false);
      expect(got.has('e0->m0')).toBe(false);
      // Same team is excluded by default.
      const team = new Map(members.map((m) => [m.id, m.team]));
      for (const a of res.assignments) expect(team.get(a.menteeId)).not.toBe(team.get(a.mentorId));
      expect(res.certificate.verified).toBe(true);
      expect(new Set(res.assignments.map((a) => a.menteeId)).size).toBe(res.assignments.length);
      expect(res.matched + res.unmatched.length).toBe(30);
    }
  });

  it('honours locks, uses their capacity, and flags a lock that breaks a hard rule', () => {
    const members = [...trap(), mentee('z', { interests: ['rust'], team: 'T' }), mentor('C', { expertise: ['rust'], team: 'T' })];
    const settings = contentOnly({
      forbiddenPairs: [{ menteeId: 'y', mentorId: 'B' }],
      lockedPairs: [
        { menteeId: 'x', mentorId: 'A' },
        { menteeId: 'z', mentorId: 'C' },
      ],
    });
    const res = matchCohort(members, settings);
    const x = res.assignments.find((a) => a.menteeId === 'x')!;
    expect(x.mentorId).toBe('A');
    expect(x.locked).toBe(true);
    expect(x.lockViolations).toEqual([]);
    const z = res.assignments.find((a) => a.menteeId === 'z')!;
    expect(z.mentorId).toBe('C');
    expect(z.lockViolations).toEqual(['sameTeam']);
    // A and C are full with locked mentees, so y (forbidden with B) is left out — and told why.
    expect(res.unmatched).toEqual([
      expect.objectContaining({
        menteeId: 'y',
        code: 'eligible-mentors-full',
        reason: 'all 2 eligible mentors are full (their places are taken by locked pairs)',
      }),
    ]);
  });

  it('requires approved mentors when asked and explains "no approved mentor within 4 h"', () => {
    const members = [
      mentee('e1', { timezone: 'Europe/Berlin', interests: ['go'] }),
      mentor('near-pending', { timezone: 'Europe/Paris', expertise: ['go'], approval: 'pending' }),
      mentor('far-approved', { timezone: 'Asia/Tokyo', expertise: ['go'] }),
    ];
    const rules = { requireApprovedMentors: true, timezone: { kind: 'max-offset-diff', hours: 4 } } as const;
    const res = matchCohort(members, contentOnly({ rules }));
    expect(res.matched).toBe(0);
    expect(res.unmatched[0]!.reason).toBe('no approved mentor within 4 h');
    const open = matchCohort(members, contentOnly({ rules: { ...rules, requireApprovedMentors: false } }));
    expect(pairsOf(open)).toEqual(['e1->near-pending']);
  });

  it('explains exclusion by team and reporting line', () => {
    const members = [
      mentee('e1', { team: 'core', interests: ['go'], managerEmail: 'boss@example.org' }),
      mentor('m1', { team: 'core', expertise: ['go'] }),
      mentor('m2', { team: 'core', expertise: ['go'] }),
    ];
    expect(matchCohort(members, contentOnly()).unmatched[0]!.reason).toBe('excluded: same team as the only 2 otherwise eligible mentors');
    const boss = [mentee('e1', { interests: ['go'], managerEmail: 'boss@example.org' }), mentor('boss', { expertise: ['go'] })];
    expect(matchCohort(boss, contentOnly()).unmatched[0]!.reason).toBe('excluded: reporting line as the only otherwise eligible mentor');
  });

  it('says when eligible mentors are all full', () => {
    const members = [
      mentee('e1', { interests: ['go'] }),
      mentee('e2', { interests: ['go', 'rust'] }),
      mentee('e3', { interests: ['go', 'rust', 'sql'] }),
      mentor('m1', { expertise: ['go', 'rust', 'sql'], capacity: 2 }),
    ];
    const res = matchCohort(members, contentOnly());
    expect(res.matched).toBe(2);
    expect(res.unmatched).toEqual([expect.objectContaining({ menteeId: 'e1', reason: expect.stringMatching(/^the only eligible mentor is full/) })]);
  });
});

describe('determinism', () => {
  it('same input twice gives identical output; shuffled input gives the same assignment', () => {
    const members = randomCohort(7, 40, 15);
    const settings = MatchSettings.parse({ startDate: '2025-02-03' });
    const a = matchCohort(members, settings);
    const b = matchCohort(members, settings);
    const strip = (r: MatchResult) => JSON.stringify({ ...r, stats: { ...r.stats, scoringMs: 0, solveMs: 0 } });
    expect(strip(b)).toBe(strip(a));
    const shuffled = [...members].reverse();
    for (let k = 0; k < shuffled.length; k += 3) shuffled.push(shuffled.splice(k, 1)[0]!);
    const c = matchCohort(shuffled, settings);
    expect(pairsOf(c)).toEqual(pairsOf(a));
    expect(c.objective).toBe(a.objective);
  });
});

describe('explanations by re-solving', () => {
  it('forcing a pair reports the cost and who is displaced', () => {
    const base = matchCohort(trap(), trapSettings());
    const forced = explainForcedPair(trap(), trapSettings(), 'x', 'A', { base });
    expect(forced.delta).toBeLessThan(0);
    expect(forced.forcedObjective).toBeCloseTo(base.objective + forced.delta, 12);
    expect(forced.displaced).toEqual([{ menteeId: 'y', from: 'A', to: null }]);
    const free = explainForcedPair(trap(), trapSettings(), 'x', 'B', { base });
    expect(free.delta).toBeCloseTo(0, 12);
    expect(free.displaced).toEqual([]);
  });

  it('one more slot for a mentor reports objective and matched gains', () => {
    const members = [mentee('e1', { interests: ['go'] }), mentee('e2', { interests: ['go'] }), mentor('m1', { expertise: ['go'] })];
    const more = explainExtraSlot(members, contentOnly(), 'm1');
    expect(more.matchedDelta).toBe(1);
    expect(more.objectiveDelta).toBeGreaterThan(0);
    expect(more.changes).toHaveLength(1);
  });
});

describe('progress, cancellation and side constraints', () => {
  it('reports progress and can be cancelled', () => {
    const phases = new Set<string>();
    matchCohort(randomCohort(3, 30, 10), MatchSettings.parse({}), { onProgress: (p) => phases.add(p.phase) });
    expect(phases.has('scoring')).toBe(true);
    expect(phases.has('verifying')).toBe(true);
    const ctl = new AbortController();
    ctl.abort();
    expect(() => matchCohort(randomCohort(3, 30, 10), MatchSettings.parse({}), { signal: ctl.signal })).toThrow(MatchCancelled);
  });

  it('reports solving progress that advances, and a cancel during solving stops the solve', () => {
    const members = randomCohort(5, 120, 40);
    const solving: { done: number; total: number }[] = [];
    matchCohort(members, MatchSettings.parse({}), {
      onProgress: (p) => {
        if (p.phase === 'solving') solving.push({ done: p.done, total: p.total });
      },
    });
    expect(solving.length).toBeGreaterThan(2);
    expect(solving.every((p) => p.done <= p.total)).toBe(true);
    expect(solving.some((p, k) => k > 0 && p.done > solving[k - 1]!.done)).toBe(true);

    const ctl = new AbortController();
    let after = 0;
    expect(() =>
      matchCohort(members, MatchSettings.parse({}), {
        signal: ctl.signal,
        onProgress: (p) => {
          if (ctl.signal.aborted) after++;
          if (p.phase === 'solving') ctl.abort();
        },
      }),
    ).toThrow(MatchCancelled);
    // At most the progress call that was already on its way comes after the cancel.
    expect(after).toBeLessThanOrEqual(1);
  });

  it('per-mentor department caps and a cross-department share are solved exactly with HiGHS', async () => {
    const members = randomCohort(11, 24, 8);
    const plain = await matchCohortAsync(members, MatchSettings.parse({ startDate: '2025-02-03', mode: 'max-matched-then-score' }));
    const capped = await matchCohortAsync(
      members,
      MatchSettings.parse({
        startDate: '2025-02-03',
        mode: 'max-matched-then-score',
        mentorAttributeCaps: [{ attribute: 'department', max: 1 }],
        minCrossDepartmentShare: 0.8,
      }),
    );
    expect(capped.certificate.method).toBe('highs-mip');
    expect(capped.status).toBe('optimal');
    const dept = new Map(members.map((m) => [m.id, m.department]));
    const perMentorDept = new Map<string, number>();
    let cross = 0;
    for (const a of capped.assignments) {
      const key = `${a.mentorId}/${dept.get(a.menteeId)}`;
      perMentorDept.set(key, (perMentorDept.get(key) ?? 0) + 1);
      if (dept.get(a.menteeId) !== dept.get(a.mentorId)) cross++;
    }
    expect(Math.max(...perMentorDept.values())).toBe(1);
    expect(cross / capped.matched).toBeGreaterThanOrEqual(0.8);
    // Constraints can only cost: never better than the unconstrained optimum.
    expect(capped.matched).toBeLessThanOrEqual(plain.matched);
    // Without side constraints the MIP path agrees with the flow solver.
    const flowAsMip = await matchCohortAsync(members, MatchSettings.parse({ startDate: '2025-02-03', minCrossDepartmentShare: 0.0001 }));
    const flow = matchCohort(members, MatchSettings.parse({ startDate: '2025-02-03' }));
    expect(flowAsMip.objective).toBeCloseTo(flow.objective, 5);
  });
});
