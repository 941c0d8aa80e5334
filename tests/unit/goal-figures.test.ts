import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysSince, goalFiguresByPair, isStuck } from '../../src/core/goals/stuck';
import { cohortOfPairs, day } from './pairs-fixture';

const STATUSES = ['open', 'reached', 'dropped'] as const;

describe('goal figures per pair', () => {
  it('count stuck goals and name the one stuck longest exactly as the stuck rule says, stamps with or without milliseconds', async () => {
    const { store, cohort, pairs } = await cohortOfPairs(3);
    const asOf = day(40, 7.5);
    // Progress changes around the 21-day bound: within a second of it, in both stored forms.
    const bound = asOf.getTime() - 21 * 86_400_000;
    const goal = fc.record({
      pair: fc.integer({ min: 0, max: 2 }),
      status: fc.constantFrom(...STATUSES),
      offsetMs: fc.oneof(fc.integer({ min: -2_000, max: 2_000 }), fc.integer({ min: -20 * 86_400_000, max: 20 * 86_400_000 })),
      noMs: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(goal, { minLength: 1, maxLength: 12 }), async (goals) => {
        store.sqlite.prepare('DELETE FROM goals').run();
        const stamps = goals.map((g) => {
          const iso = new Date(bound + g.offsetMs).toISOString();
          return g.noMs ? iso.replace(/\.\d{3}Z$/, 'Z') : iso;
        });
        store.transact((w) =>
          goals.forEach((g, i) =>
            w.insert('goals', { pair_id: pairs[g.pair]!.id, cohort_id: cohort.id, scope: 'mentee', title: `Goal ${i}`, target_date: null, progress: null, status: g.status, progress_changed_at: stamps[i]!, template_id: null }),
          ),
        );
        const figures = goalFiguresByPair(store, cohort.id, asOf, 21).byPair;
        for (const [p, pair] of pairs.entries()) {
          const own = goals.map((g, i) => ({ ...g, at: stamps[i]!, title: `Goal ${i}` })).filter((g) => g.pair === p);
          const stuck = own.filter((g) => isStuck({ status: g.status, progressChangedAt: g.at }, asOf, 21));
          const longest = Math.max(...stuck.map((g) => daysSince(g.at, asOf)));
          const got = figures.get(pair.id);
          if (own.length === 0) {
            expect(got).toBeUndefined();
            continue;
          }
          expect(got).toMatchObject({ total: own.filter((g) => g.status !== 'dropped').length, reached: own.filter((g) => g.status === 'reached').length, stuck: stuck.length });
          if (stuck.length === 0) expect(got!.worstStuck).toBeNull();
          else {
            expect(got!.worstStuck!.days).toBe(longest);
            // The named goal is one of the stuck ones with that many days.
            expect(stuck.filter((g) => daysSince(g.at, asOf) === longest).map((g) => g.title)).toContain(got!.worstStuck!.title);
          }
        }
      }),
      { numRuns: 150, seed: 20261130 },
    );
  });
});
