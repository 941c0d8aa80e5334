import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedSessions, type Span } from '../../../src/core/reports/cadence';

const DAY = 86_400_000;

/** The definition, pair by pair: days running inside [lo, hi) over the cadence. */
const direct = (spans: readonly Span[], lo: number, hi: number) =>
  spans.reduce((n, s) => n + Math.max(0, Math.min(hi, s.end) - Math.max(lo, s.start)) / DAY / s.cadence, 0);

describe('expected sessions by cadence', () => {
  it('a pair with a 14-day cadence running a whole week is expected to hold half a session in it', () => {
    const expected = expectedSessions([{ start: 0, end: 70 * DAY, cadence: 14 }]);
    expect(expected(7 * DAY, 14 * DAY)).toBeCloseTo(0.5, 10);
    expect(expected(-7 * DAY, 0)).toBe(0);
    expect(expected(63 * DAY, 77 * DAY)).toBeCloseTo(0.5, 10);
  });

  it('equals the pair-by-pair sum for any spans and interval', () => {
    const span = fc.record({ start: fc.integer({ min: 0, max: 400 }), length: fc.integer({ min: 0, max: 400 }), cadence: fc.integer({ min: 1, max: 60 }) });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 30 }), fc.integer({ min: -50, max: 800 }), fc.integer({ min: 0, max: 400 }), (raw, lo, len) => {
        const spans = raw.map((s) => ({ start: s.start * DAY, end: (s.start + s.length) * DAY, cadence: s.cadence }));
        expect(expectedSessions(spans)(lo * DAY, (lo + len) * DAY)).toBeCloseTo(direct(spans, lo * DAY, (lo + len) * DAY), 6);
      }),
    );
  });
});
