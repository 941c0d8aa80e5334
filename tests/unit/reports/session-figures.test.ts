import { describe, expect, it } from 'vitest';
import { sessionFiguresByPair, storedInstant } from '../../../src/core/pairs/session-figures';
import { NOW, reportFixture } from './fixture';

describe('per-pair session figures', () => {
  it("the reports' held-only reading (migration 21's index) gives the Pairs page's figures for every pair with a held session", async () => {
    const f = await reportFixture();
    const statuses = f.store.sqlite.prepare('SELECT status, COUNT(*) AS n FROM sessions GROUP BY status').all() as { status: string; n: number }[];
    // Planned and cancelled sessions are there to be skipped, not only held ones.
    expect(statuses.filter((s) => s.status !== 'held' && s.n > 0).length).toBeGreaterThan(0);
    const starts = f.store.sqlite.prepare("SELECT starts_at FROM sessions WHERE status = 'held' ORDER BY starts_at").pluck().all() as string[];
    const middle = starts[Math.floor(starts.length / 2)]!;
    // As of now, as of a held session's own start (it counts), and with a period starting at that same instant.
    for (const [asOfIso, fromIso] of [
      [storedInstant(NOW), ''],
      [middle, ''],
      [storedInstant(NOW), middle],
    ] as const) {
      const all = sessionFiguresByPair(f.store, f.cohort.id, asOfIso, { fromIso });
      const held = sessionFiguresByPair(f.store, f.cohort.id, asOfIso, { fromIso, nextPlanned: false });
      const withHeld = [...all].filter(([, s]) => s.held > 0);
      expect(withHeld.length).toBeGreaterThan(0);
      expect([...held.keys()].sort()).toEqual(withHeld.map(([id]) => id).sort());
      for (const [pairId, s] of withHeld) {
        expect({ pairId, held: held.get(pairId)!.held, lastHeld: held.get(pairId)!.lastHeld, heldFrom: held.get(pairId)!.heldFrom }).toEqual({
          pairId,
          held: s.held,
          lastHeld: s.lastHeld,
          heldFrom: s.heldFrom,
        });
        expect(held.get(pairId)!.nextPlanned).toBeNull();
      }
      if (fromIso !== '') expect(withHeld.some(([, s]) => s.heldFrom < s.held)).toBe(true);
    }
  }, 60_000);
});
