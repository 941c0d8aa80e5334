import { describe, expect, it } from 'vitest';
import { overviewAnswer } from '../../src/core/pairs/overview-answer';
import type { PairHealth } from '../../src/core/pairs/contract';

const pair = (pairId: string, health: PairHealth['health'], daysWithout: number) => ({ pairId, health, daysWithout }) as PairHealth;

describe('pairs.overview worstFirst', () => {
  it('answers the worst pairs first, longest without a session first, and counts every pair', () => {
    const pairs = [pair('a', 'on-track', 3), pair('b', 'at-risk', 40), pair('c', 'needs-attention', 20), pair('d', 'at-risk', 50), pair('e', 'needs-attention', 16)];
    const head = overviewAnswer({ asOf: 'x', pairs }, 3);
    expect(head.pairs.map((p) => p.pairId)).toEqual(['d', 'b', 'c']);
    expect(head).toMatchObject({ total: 5, counts: { 'on-track': 1, 'needs-attention': 2, 'at-risk': 2 } });
    // Without worstFirst every pair comes, in the overview's own order.
    expect(overviewAnswer({ asOf: 'x', pairs }).pairs.map((p) => p.pairId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
