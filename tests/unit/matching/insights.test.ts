import { describe, expect, it } from 'vitest';
import { computeInsights, greedyMatch, matchCohort, type RunInsights } from '../../../src/core/matching';
import { contentOnly, mentee, mentor } from './fixtures';

/** Greedy grabs x–A (best pair) and strands y, whose only allowed mentor is A. */
const trap = () => [
  mentee('x', { interests: ['rust', 'go'] }),
  mentee('y', { interests: ['go'] }),
  mentor('A', { expertise: ['rust', 'go'] }),
  mentor('B', { expertise: ['rust'] }),
];

describe('computeInsights', () => {
  it('reports the greedy baseline, and no unconstrained optimum when nothing is locked or forbidden', async () => {
    const settings = contentOnly();
    const insights: RunInsights = await computeInsights(trap(), settings, matchCohort(trap(), settings));
    const g = greedyMatch(trap(), settings);
    expect(insights).toEqual({ greedy: { objective: g.objective, totalScore: g.totalScore, matched: g.matched } });
  });

  it('with forbidden pairs, also reports the optimum without them: what the edits cost', async () => {
    const settings = contentOnly({ forbiddenPairs: [{ menteeId: 'y', mentorId: 'B' }] });
    const insights = await computeInsights(trap(), settings, matchCohort(trap(), settings));
    expect(insights.greedy?.matched).toBe(1);
    const free = matchCohort(trap(), contentOnly());
    expect(insights.unconstrained).toEqual({ objective: free.objective, totalScore: free.totalScore, matched: free.matched });
  });
});
