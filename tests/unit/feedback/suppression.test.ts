import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedK, MIN_K, suppressGroups } from '../../../src/core/feedback/suppression';
import { feedbackContract } from '../../../src/core/feedback/contract';

const hidden = (groups: ReturnType<typeof suppressGroups>) => groups.filter((g) => g.hidden).map((g) => `${g.key}:${g.reason}`);

describe('small-group and complementary suppression', () => {
  it('shows every group when each has at least k answers', () => {
    expect(hidden(suppressGroups([{ key: 'Eng', count: 8 }, { key: 'Sales', count: 6 }], 5))).toEqual([]);
  });

  it('the differencing case: one small group is hidden and so is the smallest other, so total minus the shown ones is not that group', () => {
    const groups = suppressGroups([{ key: 'Eng', count: 9 }, { key: 'Sales', count: 6 }, { key: 'Legal', count: 2 }], 5);
    expect(hidden(groups)).toEqual(['Sales:complement', 'Legal:small']);
    const total = 17;
    const recoverable = total - groups.filter((g) => !g.hidden).reduce((s, g) => s + g.count, 0);
    // What total minus the shown groups gives is Sales and Legal together: 8 answers, not Legal's 2.
    expect(recoverable).toBe(8);
    expect(recoverable).toBeGreaterThanOrEqual(5);
  });

  it('a breakdown where only one group is small still hides a second one', () => {
    const groups = suppressGroups([{ key: 'mentor', count: 4 }, { key: 'mentee', count: 12 }], 5);
    expect(hidden(groups)).toEqual(['mentor:small', 'mentee:complement']);
  });

  it('two small groups that together reach k need no complement', () => {
    expect(hidden(suppressGroups([{ key: 'A', count: 10 }, { key: 'B', count: 3 }, { key: 'C', count: 3 }], 5))).toEqual(['B:small', 'C:small']);
  });

  it('a group nobody from answered is hidden, and asks for no complement (working out a zero reveals no answer)', () => {
    expect(hidden(suppressGroups([{ key: 'A', count: 10 }, { key: 'B', count: 0 }], 5))).toEqual(['B:small']);
  });

  it('property: every shown group holds at least k, and the hidden ones together hold none or at least k unless every group is hidden', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 3, max: 10 }), (counts, k) => {
        const groups = suppressGroups(counts.map((count, i) => ({ key: `g${i}`, count })), k);
        for (const g of groups) if (!g.hidden) expect(g.count).toBeGreaterThanOrEqual(k);
        const hiddenSum = groups.filter((g) => g.hidden).reduce((s, g) => s + g.count, 0);
        if (groups.some((g) => !g.hidden)) expect(hiddenSum === 0 || hiddenSum >= k).toBe(true);
      }),
    );
  });
});

describe('the minimum group size k', () => {
  it('is never below 3: the core refuses 2, the contract refuses 2, 3 is accepted', () => {
    expect(MIN_K).toBe(3);
    expect(() => checkedK(2)).toThrow(/at least 3/);
    expect(() => suppressGroups([{ key: 'a', count: 1 }], 2)).toThrow(/at least 3/);
    expect(checkedK(3)).toBe(3);
    const define = feedbackContract['feedback.defineSurvey'].input;
    const base = { cohortId: 'c', title: 'T', anonymous: true, roles: ['mentee'], groupBy: [], questions: [{ id: 'q', type: 'text', text: 'Q?' }] };
    expect(define.safeParse({ ...base, minGroupSize: 2 }).success).toBe(false);
    expect(define.safeParse({ ...base, minGroupSize: 3 }).success).toBe(true);
    expect(define.parse(base).minGroupSize).toBe(5);
    expect(feedbackContract['feedback.updateSurvey'].input.safeParse({ surveyId: 's', minGroupSize: 1 }).success).toBe(false);
  });
});
