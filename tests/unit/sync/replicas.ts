import { TRACKED_TABLES } from '../../../src/core/db/schema';
import type { Store } from '../../../src/core/db/store';
import { openSpace, syncOnce, type Credentials, type SyncReport } from '../../../src/core/sync/engine';

/** Every tracked table's rows, ordered by id: two converged replicas give equal snapshots. */
export function snapshot(store: Store): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const existing = new Set((store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  for (const table of TRACKED_TABLES) {
    if (existing.has(table)) out[table] = store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  }
  return out;
}

export async function sync(store: Store, credentials: Credentials, now: () => Date = () => new Date()): Promise<SyncReport> {
  const open = await openSpace(credentials);
  try {
    return await syncOnce(store, open, now);
  } finally {
    await open.server.close();
  }
}

/** Syncs every replica in turn until a whole round moves nothing: all of them have everything. */
export async function syncUntilQuiet(stores: readonly Store[], credentials: Credentials): Promise<void> {
  for (let round = 0; round < 10; round++) {
    let moved = 0;
    for (const store of stores) {
      const report = await sync(store, credentials);
      moved += report.pushedChanges + report.applied.applied;
    }
    if (moved === 0) return;
  }
  throw new Error('replicas did not settle in 10 rounds');
}
