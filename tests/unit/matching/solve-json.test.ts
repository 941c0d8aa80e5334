import { describe, expect, it } from 'vitest';
import { SolveInputError } from '../../../src/core/matching/errors';
import { solveJson } from '../../../src/core/matching/solve-json';

const base = () => ({
  mode: 'max-score',
  mentors: [{ id: 'm1', capacity: 2 }, { id: 'm2' }],
  mentees: [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }],
  pairs: [
    { mentee: 'e1', mentor: 'm1', score: 0.9 },
    { mentee: 'e1', mentor: 'm2', score: 0.8 },
    { mentee: 'e2', mentor: 'm2', score: 0.7 },
    { mentee: 'e3', mentor: 'm2', score: 0.6 },
  ],
});

describe('solveJson', () => {
  it('solves and reports assignments, unmatched and a verified certificate', () => {
    const out = solveJson(base());
    expect(out.status).toBe('optimal');
    expect(out.assignments).toEqual([
      { mentee: 'e1', mentor: 'm1', score: 0.9 },
      { mentee: 'e2', mentor: 'm2', score: 0.7 },
    ]);
    expect(out.unmatched).toEqual(['e3']);
    expect(out.matched).toBe(2);
    expect(out.objective).toBeCloseTo(1.6, 12);
    expect(out.certificate).toMatchObject({ method: 'auction', verified: true, gap: 0 });
  });

  it('capacity defaults to 1 and unlisted pairs are forbidden', () => {
    const input = base();
    input.pairs = [
      { mentee: 'e1', mentor: 'm2', score: 1 },
      { mentee: 'e2', mentor: 'm2', score: 1 },
    ];
    const out = solveJson(input);
    expect(out.matched).toBe(1);
  });

  it('negative scores are never worth it in max-score mode but are taken in max-matched mode', () => {
    const input = { ...base(), pairs: [{ mentee: 'e1', mentor: 'm1', score: -0.2 }] };
    expect(solveJson(input).matched).toBe(0);
    const lex = solveJson({ ...input, mode: 'max-matched-then-score' });
    expect(lex.matched).toBe(1);
    expect(lex.objective).toBeCloseTo(-0.2, 12);
  });

  it('is independent of input order', () => {
    const a = solveJson(base());
    const shuffled = base();
    shuffled.mentors.reverse();
    shuffled.mentees.reverse();
    shuffled.pairs.reverse();
    expect(solveJson(shuffled)).toEqual(a);
  });

  const bad: [string, (x: ReturnType<typeof base>) => unknown, RegExp][] = [
    ['unknown mentor', (x) => ({ ...x, pairs: [...x.pairs, { mentee: 'e1', mentor: 'm9', score: 1 }] }), /^pairs\[4\]: unknown mentor "m9"$/],
    ['unknown mentee', (x) => ({ ...x, pairs: [{ mentee: 'zz', mentor: 'm1', score: 1 }] }), /^pairs\[0\]: unknown mentee "zz"$/],
    ['negative capacity', (x) => ({ ...x, mentors: [{ id: 'm1', capacity: -1 }] }), /^mentors\[0\]\.capacity: expected a non-negative integer/],
    ['fractional capacity', (x) => ({ ...x, mentors: [{ id: 'm1', capacity: 1.5 }] }), /^mentors\[0\]\.capacity/],
    ['NaN score', (x) => ({ ...x, pairs: [{ mentee: 'e1', mentor: 'm1', score: Number.NaN }] }), /^pairs\[0\]\.score: expected a finite number, got NaN$/],
    ['infinite score', (x) => ({ ...x, pairs: [{ mentee: 'e1', mentor: 'm1', score: Infinity }] }), /^pairs\[0\]\.score: expected a finite number/],
    ['string score', (x) => ({ ...x, pairs: [{ mentee: 'e1', mentor: 'm1', score: '0.5' }] }), /^pairs\[0\]\.score: expected a finite number, got "0.5"$/],
    ['duplicate pair', (x) => ({ ...x, pairs: [...x.pairs, { mentee: 'e1', mentor: 'm1', score: 0.1 }] }), /^pairs\[4\]: duplicate pair \("e1", "m1"\)$/],
    ['duplicate mentor id', (x) => ({ ...x, mentors: [{ id: 'm1' }, { id: 'm1' }] }), /^mentors\[1\]: duplicate mentor id "m1"$/],
    ['duplicate mentee id', (x) => ({ ...x, mentees: [{ id: 'e1' }, { id: 'e2' }, { id: 'e1' }] }), /^mentees\[2\]: duplicate mentee id "e1"$/],
    ['missing score', (x) => ({ ...x, pairs: [{ mentee: 'e1', mentor: 'm1' }] }), /^pairs\[0\]: missing field "score"$/],
    ['missing mentor id', (x) => ({ ...x, mentors: [{ capacity: 1 }] }), /^mentors\[0\]: missing field "id"$/],
    ['missing pairs', (x) => ({ mode: x.mode, mentors: x.mentors, mentees: x.mentees }), /^missing field "pairs"$/],
    ['bad mode', (x) => ({ ...x, mode: 'best' }), /^mode: expected "max-score" or "max-matched-then-score", got "best"$/],
    ['not an object', () => [1, 2], /must be a JSON object/],
  ];
  for (const [name, make, message] of bad) {
    it(`rejects ${name} with a message naming the item`, () => {
      expect(() => solveJson(make(base()))).toThrow(SolveInputError);
      expect(() => solveJson(make(base()))).toThrow(message);
    });
  }
});
