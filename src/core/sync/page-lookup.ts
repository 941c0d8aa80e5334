import type { Store } from '../db/store';
import type { SyncChange } from './messages';

/**
 * Set-at-a-time reads and writes of the change log for one pulled page, instead of a query per change:
 * a first sync applies a million changes, and one indexed lookup per change was most of its time.
 */

const fieldKey = (tbl: string, rowId: string, col: string) => `${tbl}\0${rowId}\0${col}`;

function rowsByTable(changes: readonly SyncChange[]): Map<string, string[]> {
  const byTable = new Map<string, Set<string>>();
  for (const c of changes) {
    let rows = byTable.get(c.tbl);
    if (!rows) byTable.set(c.tbl, (rows = new Set()));
    rows.add(c.rowId);
  }
  return new Map([...byTable].map(([tbl, rows]) => [tbl, [...rows]]));
}

/** The newest HLC this replica holds for every field the page touches (erased changes included). */
export function newestByField(store: Store, changes: readonly SyncChange[]): Map<string, string> {
  const newest = new Map<string, string>();
  const query = store.prepare('SELECT row_id, col, max(hlc) AS hlc FROM changes WHERE tbl = ? AND row_id IN (SELECT value FROM json_each(?)) GROUP BY row_id, col');
  for (const [tbl, rows] of rowsByTable(changes)) {
    for (const r of query.all(tbl, JSON.stringify(rows)) as { row_id: string; col: string; hlc: string }[]) newest.set(fieldKey(tbl, r.row_id, r.col), r.hlc);
  }
  return newest;
}

/** Rows of the page that this replica erased (people.erase): nothing materialises for them. */
export function erasedRows(store: Store, changes: readonly SyncChange[]): Set<string> {
  const erased = new Set<string>();
  const query = store.prepare('SELECT DISTINCT row_id FROM changes WHERE tbl = ? AND erased_at IS NOT NULL AND row_id IN (SELECT value FROM json_each(?))').pluck();
  for (const [tbl, rows] of rowsByTable(changes)) for (const id of query.all(tbl, JSON.stringify(rows)) as string[]) erased.add(`${tbl}\0${id}`);
  return erased;
}

export { fieldKey };

const BATCH = 200;

/** Appends peers' change rows as theirs, many per statement. */
export function insertChanges(store: Store, rows: readonly SyncChange[], erasedAt: string): void {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const sql = `INSERT INTO changes (hlc, client_id, tbl, row_id, col, value, erased_at) VALUES ${'(?, ?, ?, ?, ?, ?, ?), '.repeat(batch.length).slice(0, -2)}`;
    store.prepare(sql).run(...batch.flatMap((c) => [c.hlc, c.clientId, c.tbl, c.rowId, c.col, c.erased ? 'null' : c.value, c.erased ? erasedAt : null]));
  }
}
