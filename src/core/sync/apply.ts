import { mergeFoldedDuplicates } from '../db/merge-duplicates';
import { TRACKED_TABLES } from '../db/schema';
import type { Store } from '../db/store';
import { assertIdentifier } from '../db/writer';
import { UserError } from '../errors';
import { reconcile } from './conflicts';
import { adoptOrphans } from './orphans';
import { setCursor } from './local';
import type { SyncChange } from './messages';
import { erasedRows, fieldKey, insertChanges, newestByField } from './page-lookup';

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

type SqlValue = string | number | null;

const IDENTITY_TABLES: readonly string[] = ['programs', 'cohorts', 'people', 'cohort_members'];

interface Pending {
  table: string;
  rowId: string;
  values: Map<string, unknown>;
  /** Whether the row is in its table already (read once per page). */
  exists?: boolean;
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

  store.transact((w) => {
    // Children may arrive before their parents within a batch (and merges re-point them): check keys at commit.
    store.sqlite.pragma('defer_foreign_keys = ON');
    const newest = newestByField(store, changes);
    const erased = erasedRows(store, changes);
    const fresh: SyncChange[] = [];
    const seen = new Set<string>();
    const pending = new Map<string, Pending>();
    let maxHlc = '';
    for (const change of changes) {
      const field = fieldKey(change.tbl, change.rowId, change.col);
      const current = newest.get(field) ?? null;
      // Only a change no newer than the field's newest can be one we have (in the log, or earlier in this page).
      if (current !== null && current >= change.hlc && (seen.has(`${field}\0${change.hlc}`) || has.get(change.tbl, change.rowId, change.col, change.hlc))) {
        report.duplicates += 1;
        continue;
      }
      fresh.push(change);
      seen.add(`${field}\0${change.hlc}`);
      if (change.hlc > maxHlc) maxHlc = change.hlc;
      const newer = current === null || change.hlc > current;
      if (newer) newest.set(field, change.hlc);
      // An erased change never materialises, nor does anything for a row this replica erased.
      if (change.erased || !newer) continue;
      if (!columns.get(change.tbl)?.has(change.col) || erased.has(`${change.tbl}\0${change.rowId}`)) continue;
      const key = `${change.tbl}\0${change.rowId}`;
      let row = pending.get(key);
      if (!row) pending.set(key, (row = { table: change.tbl, rowId: change.rowId, values: new Map() }));
      row.values.set(change.col, JSON.parse(change.value));
    }
    // In the field index's order: the B-tree is then written page after page instead of at random places.
    const byField = (x: SyncChange, y: SyncChange) => (x.tbl < y.tbl ? -1 : x.tbl > y.tbl ? 1 : x.rowId < y.rowId ? -1 : x.rowId > y.rowId ? 1 : x.col < y.col ? -1 : x.col > y.col ? 1 : x.hlc < y.hlc ? -1 : x.hlc > y.hlc ? 1 : 0);
    insertChanges(store, fresh.sort(byField), options.now);
    if (maxHlc) store.clock.observe(maxHlc);
    if (pending.size > 0) {
      const touched = new Set([...pending.values()].map((row) => row.table));
      const allUnique = uniqueIndexes(store);
      // Keys can only collide when a row is new or a column a unique index names (or deleted_at) changes:
      // a year of edits to bios and approvals checks no key.
      for (const row of pending.values()) row.exists = store.prepare(`SELECT 1 FROM ${row.table} WHERE id = ?`).get(row.rowId) !== undefined;
      const keyed = new Set(
        [...pending.values()]
          .filter((row) => !row.exists || [...row.values.keys()].some((col) => col === 'deleted_at' || allUnique.some((i) => i.tbl_name === row.table && new RegExp(`\\b${col}\\b`).test(i.sql))))
          .map((row) => row.table),
      );
      // Identity tables hang together (a program folded moves its people): their keys are checked as one.
      const identity = IDENTITY_TABLES.some((table) => keyed.has(table));
      const indexes = allUnique.filter((index) => keyed.has(index.tbl_name) || (identity && IDENTITY_TABLES.includes(index.tbl_name)));
      for (const index of indexes) store.sqlite.exec(`DROP INDEX ${index.name}`);
      for (const row of pending.values()) if (materialise(store, row, columns.get(row.table)!)) report.applied += 1;
      if (identity) report.merged += adoptOrphans(store, w);
      // The keys hold without a merge (the common case: nothing was imported twice): skip the merge's full pass.
      if (indexes.length > 0 && !recreate(store, indexes)) {
        const merge = mergeFoldedDuplicates(store.sqlite, w, options.now);
        report.merged += merge.programs + merge.cohorts + merge.people + merge.members + adoptOrphans(store, w);
        w.flush();
        if (!recreate(store, indexes)) {
          throw new UserError(`Sync stopped: peers' changes leave two rows with one key (${indexes.map((i) => i.name).join(', ')}) that no merge rule folds. Nothing was applied.`);
        }
      }
      const pairsChanged = ['pairs', 'publications'].some((table) => touched.has(table));
      if (pairsChanged || keyed.has('cohort_members') || [...pending.values()].some((row) => row.table === 'cohort_members' && row.values.has('capacity')) || report.merged > 0) {
        report.conflicts = reconcile(store, w, options.now).conflicts;
      }
    }
    if (options.cursor !== undefined) setCursor(store, options.cursor);
  });
  return report;
}

/**
 * Writes a row's winning values: an UPDATE when it exists. A row this replica does not have yet is
 * inserted from everything the log now holds about it (its creation may have come in an earlier page
 * than some of its columns: a page boundary can split one transaction's changes).
 */
function materialise(store: Store, row: Pending, columns: ReadonlySet<string>): boolean {
  assertIdentifier(row.table);
  if (row.exists) {
    const cols = [...row.values.keys()];
    cols.forEach(assertIdentifier);
    store.prepare(`UPDATE ${row.table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => row.values.get(c) as SqlValue), row.rowId);
    return true;
  }
  const folded = new Map<string, SqlValue>();
  const history = store.prepare('SELECT col, value FROM changes WHERE tbl = ? AND row_id = ? AND erased_at IS NULL ORDER BY hlc').all(row.table, row.rowId) as { col: string; value: string }[];
  for (const change of history) if (columns.has(change.col) && change.col !== 'id') folded.set(change.col, JSON.parse(change.value) as SqlValue);
  const cols = [...folded.keys()];
  cols.forEach(assertIdentifier);
  try {
    store.prepare(`INSERT INTO ${row.table} (id, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`).run(row.rowId, ...cols.map((c) => folded.get(c)!));
    return true;
  } catch (error) {
    // Not all of its columns have arrived yet (the rest come in a later page, which inserts it), or its creation was erased at the origin.
    if (/NOT NULL constraint failed/.test((error as Error).message)) return false;
    throw error;
  }
}
