import { describe, expect, it } from 'vitest';
import { prepareCohort } from '../../../src/core/matching/cohort';
import { breakdownOf, roundHalfUp, SCORE_SCALE, weightedScore } from '../../../src/core/matching/scoring';
import { MatchSettings } from '../../../src/core/matching/settings';
import { cosinePair } from '../../../src/core/matching/tfidf';
import { seededRandom } from '../../../src/core/sample/generate';
import type { Member } from '../../../src/core/domain/participant';
import { randomCohort } from './fixtures';

const ruleSets = [
  {},
  { timezone: { kind: 'max-offset-diff', hours: 3 } },
  { timezone: { kind: 'min-overlap', hours: 6 }, unknownTimezone: 'exclude' },
  { requireSharedLanguage: true, excludeSameTeam: false },
  { excludeReportingLine: false, timezone: { kind: 'max-offset-diff', hours: 0 } },
] as const;

/** Checks every pair of a prepared cohort against PairRules.mask and breakdownOf; returns the allowed count. */
function expectTableMatchesReference(members: Member[], settings: MatchSettings): number {
  const c = prepareCohort(members, settings);
  const allowed = new Map<string, number>();
  for (let i = 0; i < c.mentees.length; i++) {
    for (let p = c.table.rowStart[i]!; p < c.table.rowStart[i + 1]!; p++) allowed.set(`${i},${c.table.mentor[p]}`, c.table.cost[p]!);
  }
  let count = 0;
  for (let i = 0; i < c.mentees.length; i++) {
    for (let j = 0; j < c.mentors.length; j++) {
      const ok = c.rules.mask(i, j) === 0 && c.mentorExclusion[j] === null;
      expect(allowed.has(`${i},${j}`), `pair ${i},${j}`).toBe(ok);
      if (!ok) continue;
      count++;
      const b = breakdownOf(c.features, c.crit, i, j, cosinePair(c.features.tfidf, i, j), c.rules.overlap(i, j));
      // `| 0`: the table is an Int32Array, which stores a zero cost as +0.
      expect(allowed.get(`${i},${j}`)).toBe(-Math.round(weightedScore(c.crit, b) * SCORE_SCALE) | 0);
    }
  }
  return count;
}

describe('pair table (fast scoring loop) agrees with the reference rules and criteria', () => {
  for (const [k, rules] of ruleSets.entries()) {
    it(`rule set ${k}: same allowed pairs as PairRules.mask and same scores as breakdownOf`, () => {
      const members = randomCohort(100 + k, 25, 12).map((m, idx) =>
        idx % 7 === 0 ? { ...m, languages: ['German'], timezone: idx % 2 ? null : m.timezone, managerEmail: 'm3@example.org' } : m,
      );
      const settings = MatchSettings.parse({
        startDate: '2025-03-17',
        rules,
        forbiddenPairs: [{ menteeId: 'e1', mentorId: 'm1' }],
        earlierPairs: [{ menteeId: 'e2', mentorId: 'm2' }],
      });
      const count = expectTableMatchesReference(members, settings);
      expect(count).toBeGreaterThan(0);
    });
  }
});

describe('pair table on cohorts that defeat its shortcuts', () => {
  // Many distinct offsets, seniorities and availability shapes: more than the scorer caches per key,
  // mentors with more intervals than their fixed slot, mentors that cannot take anyone.
  const r = seededRandom(7);
  const offsets = Array.from({ length: 100 }, (_, k) => {
    const sign = (k >> 2) % 2 ? '+' : '-';
    return `UTC${sign}${String(k >> 3).padStart(2, '0')}:${['00', '15', '30', '45'][k % 4]}`;
  });
  const members = randomCohort(99, 120, 45).map((m, idx): Member => {
    const days = Math.floor(r() * 8); // 0..7 days, up to 3 windows a day
    const availability = Array.from({ length: days }, (_, day) => day).flatMap((day) =>
      Array.from({ length: 1 + (idx % 3) }, (_, w) => ({ day, start: w * 480 + 60 * Math.floor(r() * 4), end: w * 480 + 300 })),
    );
    return {
      ...m,
      timezone: idx % 11 === 0 ? null : offsets[idx % offsets.length]!,
      seniorityYears: idx % 13 === 0 ? null : Math.round(r() * 400) / 10,
      languages: idx % 9 === 0 ? [] : idx % 5 === 0 ? ['German', 'English'] : ['English'],
      capacity: m.role === 'mentor' && idx % 10 === 0 ? 0 : m.capacity,
      availability,
    };
  });
  const ruleSets = [
    { timezone: { kind: 'max-offset-diff', hours: 5 }, unknownTimezone: 'exclude' },
    { timezone: { kind: 'max-offset-diff', hours: 2 } },
    { timezone: { kind: 'min-overlap', hours: 3 }, requireSharedLanguage: true },
  ] as const;
  for (const [k, rules] of ruleSets.entries()) {
    it(`rule set ${k}: same pairs and scores as the reference`, () => {
      const settings = MatchSettings.parse({
        startDate: '2025-03-30',
        rules,
        criteria: { department: { enabled: true, weight: 0.5, prefer: 'prefer-same' } },
        forbiddenPairs: [{ menteeId: 'e1', mentorId: 'm1' }],
      });
      expect(expectTableMatchesReference(members, settings)).toBeGreaterThan(0);
    });
  }
});

describe('roundHalfUp', () => {
  it('is Math.round for scores, ties and the awkward doubles around them', () => {
    const r = seededRandom(3);
    const xs = [0, -0, 0.5, 1.5, 2.5, 0.49999999999999994, 1 - 2 ** -53, 2 ** 31 + 0.5, 2 ** 52 - 0.5, 2 ** 52, 2 ** 60];
    xs.push(-0.5, -2.5, -1e-20, Infinity, -Infinity, NaN);
    for (let k = 0; k < 100_000; k++) {
      const n = Math.floor(r() * 2 ** (r() * 32));
      xs.push(r() * SCORE_SCALE, n + 0.5, n + 0.5 - 2 ** -(r() * 60), n + 0.5 + 2 ** -(r() * 60));
    }
    for (const x of xs) expect(Object.is(roundHalfUp(x), Math.round(x)), `x = ${x}`).toBe(true);
  });
});
