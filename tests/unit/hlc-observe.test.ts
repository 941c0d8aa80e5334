import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../src/core/db/hlc';
import { openStore } from '../../src/core/db/open';
import { Store } from '../../src/core/db/store';
import { createProgram, updateProgram } from '../../src/core/programs/programs';
import { tempDir } from './temp';

/** A second connection to the same file with its own clock, as the import worker or a CLI has. */
function connect(path: string, clientId: string, wallClock: () => number): Store {
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Store(sqlite, new HybridLogicalClock(clientId, wallClock), path);
}

const hlcsBySeq = (store: Store) => (store.sqlite.prepare('SELECT hlc FROM changes ORDER BY seq').all() as { hlc: string }[]).map((r) => r.hlc);

describe('HLC across connections to one file', () => {
  it('two stores writing alternately produce strictly increasing HLCs, even when one wall clock runs an hour behind', async () => {
    const path = join(tempDir(), 'w.sqlite');
    const setup = await openStore(path);
    const clientId = setup.clock.clientId;
    setup.close();
    // Same device, same client id: the HLC order alone must keep the log in causal order.
    const fixed = Date.parse('2026-11-23T10:00:00Z');
    const ahead = connect(path, clientId, () => fixed);
    const behind = connect(path, clientId, () => fixed - 3_600_000);
    try {
      const program = createProgram(ahead, { name: 'P0' });
      for (let i = 1; i <= 6; i++) {
        const writer = i % 2 === 0 ? ahead : behind;
        updateProgram(writer, { id: program.id, name: `P${i}` });
      }
      const hlcs = hlcsBySeq(ahead);
      expect(hlcs.length).toBeGreaterThan(8);
      for (let i = 1; i < hlcs.length; i++) expect(hlcs[i]! > hlcs[i - 1]!, `${hlcs[i]} after ${hlcs[i - 1]}`).toBe(true);
      // The connection whose wall clock is behind wrote at the other's time plus a counter, not at its own.
      expect(hlcs.every((h) => h.startsWith(String(fixed).padStart(15, '0')))).toBe(true);
    } finally {
      ahead.close();
      behind.close();
    }
  });

  it('nested transactions (savepoints) and a rollback keep the log in order', async () => {
    const path = join(tempDir(), 'w.sqlite');
    const store = await openStore(path);
    try {
      const program = createProgram(store, { name: 'A' });
      expect(() =>
        store.transact((w) => {
          w.update('programs', program.id, { name: 'B' });
          store.transact((inner) => inner.update('programs', program.id, { name: 'C' }));
          throw new Error('roll back');
        }),
      ).toThrow('roll back');
      updateProgram(store, { id: program.id, name: 'D' });
      const hlcs = hlcsBySeq(store);
      for (let i = 1; i < hlcs.length; i++) expect(hlcs[i]! > hlcs[i - 1]!).toBe(true);
    } finally {
      store.close();
    }
  });
});
