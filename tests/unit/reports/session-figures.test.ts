import { describe, expect, it } from 'vitest';
import { sessionFiguresByPair, storedInstant, type SessionFigures } from '../../../src/core/pairs/session-figures';
import { NOW, reportFixture } from './fixture';

/** The figures worked out from the sessions' own rows, as SessionFigures defines them: the oracle. */
function figuresFromRows(rows: { pair_id: string; status: string; starts_at: string }[], asOfIso: string, fromIso: string, nextPlanned: boolean): Map<string, SessionFigures> {
  const out = new Map<string, SessionFigures>();
  const of = (pairId: string) => out.get(pairId) ?? out.set(pairId, { held: 0, lastHeld: null, nextPlanned: null, heldFrom: 0 }).get(pairId)!;
  for (const r of rows) {
    if (r.status === 'held' && r.starts_at <= asOfIso) {
      const f = of(r.pair_id);
      f.held += 1;
      if (r.starts_at >= fromIso) f.heldFrom += 1;
      if (f.lastHeld === null || r.starts_at > f.lastHeld) f.lastHeld = r.starts_at;
    } else if (nextPlanned && r.status === 'planned' && r.starts_at > asOfIso) {
      const f = of(r.pair_id);
      if (f.nextPlanned === null || r.starts_at < f.nextPlanned) f.nextPlanned = r.starts_at;
    }
  }
  return out;
}

describe('per-pair session figures', () => {
  it('count held sessions up to asOf (and from a period start), the last held start and the next planned one, as the rows say', async () => {
    const f = await reportFixture();
    const rows = f.store.sqlite.prepare('SELECT pair_id, status, starts_at FROM sessions WHERE cohort_id = ? AND deleted_at IS NULL').all(f.cohort.id) as {
      pair_id: string;
      status: string;
      starts_at: string;
    }[];
    // Planned, cancelled and missed sessions are there to be skipped or read, not only held ones.
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThan(2);
    const held = rows.filter((r) => r.status === 'held').map((r) => r.starts_at).sort();
    const middle = held[Math.floor(held.length / 2)]!;
    const planned = rows.filter((r) => r.status === 'planned').map((r) => r.starts_at).sort();
    const plannedStart = planned[Math.floor(planned.length / 2)]!;
    // As of now, as of a held session's own start (it counts), as of a planned session's start (it is not next:
    // it starts now), and with a period starting at the held start.
    for (const [asOfIso, fromIso] of [
      [storedInstant(NOW), ''],
      [middle, ''],
      [plannedStart, ''],
      [storedInstant(NOW), middle],
    ] as const) {
      for (const nextPlanned of [true, false]) {
        const got = sessionFiguresByPair(f.store, f.cohort.id, asOfIso, { fromIso, nextPlanned });
        const want = figuresFromRows(rows, asOfIso, fromIso, nextPlanned);
        expect(new Map([...got].map(([id, s]) => [id, { held: s.held, lastHeld: s.lastHeld, nextPlanned: s.nextPlanned, heldFrom: s.heldFrom }]))).toEqual(want);
        expect([...want.values()].some((s) => s.held > 0)).toBe(true);
        if (nextPlanned && asOfIso !== storedInstant(NOW)) expect([...want.values()].some((s) => s.nextPlanned !== null)).toBe(true);
        if (fromIso !== '') expect([...want.values()].some((s) => s.heldFrom < s.held)).toBe(true);
      }
    }
  }, 60_000);
});
