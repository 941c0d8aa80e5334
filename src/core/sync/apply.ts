import { mergeFoldedDuplicates } from '../db/merge-duplicates';
import { TRACKED_TABLES } from '../db/schema';
import type { Store } from '../db/store';
import { assertIdentifier } from '../db/writer';
import { UserError } from '../errors';
import { reconcile } from './conflicts';
import { setCursor } from './local';
import type { SyncChange } from './messages';

/**
 * Applies peers' changes to this replica: last writer wins per (table, row, column) by HLC.
 *
 * A peer's change is recorded in the local change log as that peer's change (its HLC, its client id),
 * not as a new local write: so it is never pushed back as if it were ours, a second delivery is
 * recognised (same field, same HLC) and skipped, and the log stays the replayable history of every
 * replica's writes. Rows are then written directly from the winning values, inside Store.transact so
 * the same write lock and flush rules hold. What the merge itself decides (duplicates folded, conflicts
 * resolved) is written through the writer as this replica's own new changes, which then sync like any edit.
 *
 * Deterministic and order-independent: a field's value is always its highest-HLC change, whatever order
 * changes arrive in; applying a change twice is a no-op.
 */

export interface ApplyReport {
  received: number;
  applied: number;
  duplicates: number;
  merged: number;
  conflicts: number;
}

interface Pending {
  table: string;
  rowId: string;
  values: Map<string, unknown>;
}

/** Tables that can be materialised: tracked ones this schema has, each with its column names. */
function tableColumns(store: Store): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  const existing = new Set((store.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  for (const table of TRACKED_TABLES) {
    if (!existing.has(table)) continue;
    tables.set(table, new Set((store.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)));
  }
  return tables;
}

/**
 * Unique indexes of tracked tables (live names and emails): two replicas that imported the same program
 * hold two live rows with one key until the merge folds them. They are dropped for the transaction and
 * created again after the merge, in the same transaction: if a collision remains that no rule folds,
 * the whole apply rolls back and says so, rather than keep a workspace that breaks its own invariants.
 */
interface UniqueIndex {
  name: string;
  sql: string;
  tbl_name: string;
}

/** Creates the indexes again, all or none (a nested transaction is a savepoint): false when a key is still duplicated. */
function recreate(store: Store, indexes: readonly UniqueIndex[]): boolean {
  try {
    store.sqlite.transaction(() => indexes.forEach((index) => store.sqlite.exec(index.sql)))();
    return true;
  } catch (error) {
    if (/UNIQUE constraint failed/.test((error as Error).message)) return false;
    throw error;
  }
}

function uniqueIndexes(store: Store): UniqueIndex[] {
  return (
    store.prepare("SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as UniqueIndex[]
  ).filter((i) => /^\s*CREATE\s+UNIQUE\s+INDEX/i.test(i.sql) && (TRACKED_TABLES as readonly string[]).includes(i.tbl_name));
}

export function applyChanges(store: Store, changes: readonly SyncChange[], options: { now: string; cursor?: number }): ApplyReport {
  const report: ApplyReport = { received: changes.length, applied: 0, duplicates: 0, merged: 0, conflicts: 0 };
  const columns = tableColumns(store);
  const has = store.prepare('SELECT 1 FROM changes WHERE tbl = ? AND row_id = ? AND col = ? AND hlc = ?').pluck();
  // Erased changes count here too: a field whose newer changes were erased belongs to an erased row, skipped below.
  const newest = store.prepare('SELECT max(hlc) FROM changes WHERE tbl = ? AND row_id = ? AND col = ?').pluck();
  const erasedRow = store.prepare('SELECT 1 FROM changes WHERE tbl = ? AND row_id = ? AND erased_at IS NOT NULL LIMIT 1').pluck();
  const record = store.prepare('INSERT INTO changes (hlc, client_id, tbl, row_id, col, value, erased_at) VALUES (?, ?, ?, ?, ?, ?, ?)');

  store.transact((w) => {
    // Children may arrive before their parents within a batch (and merges re-point them): check keys at commit.
    store.sqlite.pragma('defer_foreign_keys = ON');
    const pending = new Map<string, Pending>();
    let maxHlc = '';
    for (const change of changes) {
      const current = newest.get(change.tbl, change.rowId, change.col) as string | null;
      // Only a change no newer than the field's newest can be one we have: a first sync asks once per change.
      if (current !== null && current >= change.hlc && has.get(change.tbl, change.rowId, change.col, change.hlc)) {
        report.duplicates += 1;
        continue;
      }
      record.run(change.hlc, change.clientId, change.tbl, change.rowId, change.col, change.erased ? 'null' : change.value, change.erased ? options.now : null);
      if (change.hlc > maxHlc) maxHlc = change.hlc;
      // An erased change never materialises, nor does anything for a row this replica erased.
      if (change.erased || (current !== null && current >= change.hlc)) continue;
      if (!columns.get(change.tbl)?.has(change.col) || erasedRow.get(change.tbl, change.rowId)) continue;
      const key = `${change.tbl}\0${change.rowId}`;
      let row = pending.get(key);
      if (!row) pending.set(key, (row = { table: change.tbl, rowId: change.rowId, values: new Map() }));
      row.values.set(change.col, JSON.parse(change.value));
    }
    if (maxHlc) store.clock.observe(maxHlc);
    if (pending.size > 0) {
      const touched = new Set([...pending.values()].map((row) => row.table));
      const indexes = uniqueIndexes(store).filter((index) => touched.has(index.tbl_name));
      for (const index of indexes) store.sqlite.exec(`DROP INDEX ${index.name}`);
      for (const row of pending.values()) if (materialise(store, row)) report.applied += 1;
      // The keys hold without a merge (the common case: nothing was imported twice): skip the merge's full pass.
      if (indexes.length > 0 && !recreate(store, indexes)) {
        const merge = mergeFoldedDuplicates(store.sqlite, w, options.now);
        report.merged = merge.programs + merge.cohorts + merge.people + merge.members;
        w.flush();
        if (!recreate(store, indexes)) {
          throw new UserError(`Sync stopped: peers' changes leave two rows with one key (${indexes.map((i) => i.name).join(', ')}) that no merge rule folds. Nothing was applied.`);
        }
      }
      if (['pairs', 'publications', 'cohort_members'].some((table) => touched.has(table)) || report.merged > 0) {
        report.conflicts = reconcile(store, w, options.now).conflicts;
      }
    }
    if (options.cursor !== undefined) setCursor(store, options.cursor);
  });
  return report;
}

/** Writes a row's winning values: an UPDATE when it exists, else an INSERT (a new row arrives with all its columns). */
function materialise(store: Store, row: Pending): boolean {
  assertIdentifier(row.table);
  const cols = [...row.values.keys()];
  cols.forEach(assertIdentifier);
  const values = cols.map((c) => row.values.get(c) as string | number | null);
  const exists = store.prepare(`SELECT 1 FROM ${row.table} WHERE id = ?`).get(row.rowId);
  if (exists) {
    store.prepare(`UPDATE ${row.table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...values, row.rowId);
    return true;
  }
  try {
    store.prepare(`INSERT INTO ${row.table} (id, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`).run(row.rowId, ...values);
    return true;
  } catch (error) {
    // A row known only by some of its columns (its creation erased at the origin): the log keeps the changes, no row is made.
    if (/NOT NULL constraint failed/.test((error as Error).message)) return false;
    throw error;
  }
}
