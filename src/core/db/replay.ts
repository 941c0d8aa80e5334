import type { Store } from './store';
import { assertIdentifier } from './writer';
import { TRACKED_TABLES, type TrackedTable } from './schema';

export interface ChangeRow {
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  value: string;
  /** Set on change rows whose value was erased (people.erase): they are skipped. */
  erased_at?: string | null;
}

/**
 * Rebuilds rows from change rows (last writer wins per column, by HLC), skipping erased ones. Used to prove the log is
 * complete, and the same fold a sync will apply to a peer's changes.
 */
export function foldChanges(changes: readonly ChangeRow[]): Map<TrackedTable, Map<string, Record<string, unknown>>> {
  const sorted = [...changes].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const state = new Map<TrackedTable, Map<string, Record<string, unknown>>>();
  for (const change of sorted) {
    // An erased value is gone: an erased row is rebuilt from nothing, so it does not come back.
    if (change.erased_at) continue;
    if (!(TRACKED_TABLES as readonly string[]).includes(change.tbl)) {
      throw new Error(`Change ${change.hlc} names unknown table "${change.tbl}"`);
    }
    const table = change.tbl as TrackedTable;
    let rows = state.get(table);
    if (!rows) state.set(table, (rows = new Map()));
    let row = rows.get(change.row_id);
    if (!row) rows.set(change.row_id, (row = { id: change.row_id }));
    row[change.col] = JSON.parse(change.value);
  }
  return state;
}

/** Writes folded rows into a database (normally an empty one), parents before children. */
export function applyFolded(store: Store, state: ReturnType<typeof foldChanges>): void {
  store.sqlite.transaction(() => {
    for (const table of TRACKED_TABLES) {
      for (const row of state.get(table)?.values() ?? []) {
        const columns = Object.keys(row);
        // Column names arrive as data (later from sync peers): never splice an unchecked one into SQL.
        columns.forEach(assertIdentifier);
        const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        store.prepare(sql).run(...columns.map((c) => row[c] as string | number | null));
      }
    }
  })();
}
