import { describe, expect, it } from 'vitest';
import { prepareCohort } from '../../../src/core/matching/cohort';
import { breakdownOf, SCORE_SCALE, weightedScore } from '../../../src/core/matching/scoring';
import { MatchSettings } from '../../../src/core/matching/settings';
import { cosinePair } from '../../../src/core/matching/tfidf';
import { randomCohort } from './fixtures';

const ruleSets = [
  {},
  { timezone: { kind: 'max-offset-diff', hours: 3 } },
  { timezone: { kind: 'min-overlap', hours: 6 }, unknownTimezone: 'exclude' },
  { requireSharedLanguage: true, excludeSameTeam: false },
  { excludeReportingLine: false, timezone: { kind: 'max-offset-diff', hours: 0 } },
] as const;

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
          expect(allowed.get(`${i},${j}`)).toBe(-Math.round(weightedScore(c.crit, b) * SCORE_SCALE));
        }
      }
      expect(count).toBeGreaterThan(0);
    });
  }
});
