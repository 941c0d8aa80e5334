import { mergeFoldedDuplicates } from '../db/merge-duplicates';
import { TRACKED_TABLES } from '../db/schema';
import type { Store } from '../db/store';
import { assertIdentifier } from '../db/writer';
import { UserError } from '../errors';
import { reconcile } from './conflicts';
import { adoptOrphans } from './orphans';
import { ensureFieldIndex, setCursor } from './local';
import type { LogMemo } from './log-memo';
import type { SyncChange } from './messages';
import { erasedRows, insertChanges, newestByField } from './page-lookup';

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
  /** The winning values, as JSON (the log's form). */
  values: Map<string, string>;
  /** The page's first change that gave the row a value (rows are written in that order). */
  firstChange: number;
  /** Whether the row is in its table already (read once per page). */
  exists?: boolean;
}

/** One field's changes in a page (indexes into the page, in arrival order) and those to append to the log. */
export interface FieldGroup {
  /** `tbl \0 row \0 col` and `tbl \0 row`. */
  field: string;
  row: string;
  first: SyncChange;
  items: number[];
  fresh: number[];
}

/**
 * The page by field, in order of first appearance, and the fields of each row. Looked up by row id, then
 * table and column, rather than by a key built for every change: a million changes make no million strings.
 */
function groupByField(changes: readonly SyncChange[]): { groups: FieldGroup[]; rows: Map<string, FieldGroup[]> } {
  const groups: FieldGroup[] = [];
  const rows = new Map<string, FieldGroup[]>();
  /** Row id → the row's tables (ids are UUIDs: one, nearly always) → column → group. */
  const byRowId = new Map<string, { tbl: string; cols: Map<string, FieldGroup> }[]>();
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    let tables = byRowId.get(c.rowId);
    if (!tables) byRowId.set(c.rowId, (tables = []));
    let ofTable = tables[0];
    for (let t = 1; ofTable !== undefined && ofTable.tbl !== c.tbl; t++) ofTable = tables[t];
    if (!ofTable) tables.push((ofTable = { tbl: c.tbl, cols: new Map() }));
    const group = ofTable.cols.get(c.col);
    if (group) {
      group.items.push(i);
      continue;
    }
    const row = `${c.tbl}\0${c.rowId}`;
    const created: FieldGroup = { field: `${row}\0${c.col}`, row, first: c, items: [i], fresh: [] };
    ofTable.cols.set(c.col, created);
    groups.push(created);
    const ofRow = rows.get(row);
    if (ofRow) ofRow.push(created);
    else rows.set(row, [created]);
  }
  return { groups, rows };
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

export interface ApplyOptions {
  now: string;
  /** The server seq the page ends at, written in the page's transaction. */
  cursor?: number;
  /**
   * The bulk path (engine.ts pull): the log's answers from memory, the field index left out. When the memo
   * finds the log changed under it (an erasure between pages), this page and the rest go the indexed way:
   * `memo.usable` is then false.
   */
  memo?: { memo: LogMemo; usable: boolean };
  /** Tests: runs inside the page's transaction, after it was applied and before it commits. */
  beforeCommit?: () => void;
}

export function applyChanges(store: Store, changes: readonly SyncChange[], options: ApplyOptions): ApplyReport {
  const report: ApplyReport = { received: changes.length, applied: 0, duplicates: 0, merged: 0, conflicts: 0 };
  const columns = tableColumns(store);

  store.transact((w) => {
    // Children may arrive before their parents within a batch (and merges re-point them): check keys at commit.
    store.sqlite.pragma('defer_foreign_keys = ON');
    let memo = options.memo?.usable ? options.memo.memo : undefined;
    if (memo && !memo.catchUp(store)) {
      // Rows were erased since the last page: the log is not what the memo says. Index it and go on the indexed way.
      options.memo!.usable = false;
      memo = undefined;
      ensureFieldIndex(store);
    }
    // The page by field, in order of first appearance: fields are independent under last-writer-wins, so each
    // field's changes are judged together, in arrival order, with one lookup of the field instead of one a change.
    const { groups, rows } = groupByField(changes);
    // Both answer the same questions about the log as it is at the page's start: the memo from memory, the rest from the field index.
    const newest = memo ? memo.newest : newestByField(store, changes);
    const erased = memo ? memo.erasedRows : erasedRows(store, changes);
    const held = memo ? memo.inLog(store, changes, groups) : undefined;
    const has = store.prepare('SELECT 1 FROM changes WHERE tbl = ? AND row_id = ? AND col = ? AND hlc = ?').pluck();
    const inLog = (change: SyncChange, i: number) => (held ? held.has(i) : has.get(change.tbl, change.rowId, change.col, change.hlc) !== undefined);
    const erasedNow: string[] = [];
    const pending = new Map<string, Pending>();
    let maxHlc = '';
    for (const group of groups) {
      const { field, row: key, first, fresh } = group;
      const start = newest.get(field) ?? null;
      let current = start;
      const materialises = columns.get(first.tbl)?.has(first.col) === true && !erased.has(key);
      let winner = -1;
      let firstWin = -1;
      for (const i of group.items) {
        const change = changes[i]!;
        // Only a change no newer than the field's newest can be one we have (in the log, or earlier in this page).
        if (current !== null && current >= change.hlc && (fresh.some((j) => changes[j]!.hlc === change.hlc) || inLog(change, i))) {
          report.duplicates += 1;
          continue;
        }
        fresh.push(i);
        if (change.hlc > maxHlc) maxHlc = change.hlc;
        const newer = current === null || change.hlc > current;
        if (newer) current = change.hlc;
        // The memo's erased rows stay as they were at the page's start until the page is in, like the query's.
        if (memo && change.erased) erasedNow.push(key);
        // An erased change never materialises, nor does anything for a row this replica erased.
        if (change.erased || !newer || !materialises) continue;
        winner = i;
        if (firstWin < 0) firstWin = i;
      }
      if (current !== start) newest.set(field, current!);
      if (winner < 0) continue;
      let row = pending.get(key);
      if (!row) pending.set(key, (row = { table: first.tbl, rowId: first.rowId, values: new Map(), firstChange: firstWin }));
      else row.firstChange = Math.min(row.firstChange, firstWin);
      // Parsed when written (materialise): a field edited several times in a page is parsed once.
      row.values.set(first.col, changes[winner]!.value);
    }
    // In the field index's order (table, row, column, HLC): the B-tree is then written page after page instead of at
    // random places, and the bulk path appends the same rows in the same order. Keys join their parts with \0, which
    // sorts before any other character, so sorting the rows' keys, then each row's columns, sorts by the parts.
    const byHlc = (x: number, y: number) => (changes[x]!.hlc < changes[y]!.hlc ? -1 : changes[x]!.hlc > changes[y]!.hlc ? 1 : 0);
    const sorted: FieldGroup[] = [];
    for (const row of [...rows.keys()].sort()) {
      const cols = rows.get(row)!;
      if (cols.length > 1) cols.sort((x, y) => (x.first.col < y.first.col ? -1 : x.first.col > y.first.col ? 1 : 0));
      for (const group of cols) sorted.push(group);
    }
    const order: SyncChange[] = [];
    for (const group of sorted) {
      if (group.fresh.length > 1) group.fresh.sort(byHlc);
      for (const i of group.fresh) order.push(changes[i]!);
    }
    insertChanges(store, order, options.now);
    if (memo) {
      for (const group of sorted) if (group.fresh.length > 0) memo.record(group.row, group.field, group.first, group.fresh.map((i) => changes[i]!));
      for (const key of erasedNow) memo.erasedRows.add(key);
      memo.appended(store);
    }
    if (maxHlc) store.clock.observe(maxHlc);
    if (pending.size > 0) {
      const rowsInOrder = [...pending].sort(([, x], [, y]) => x.firstChange - y.firstChange);
      const touched = new Set([...pending.values()].map((row) => row.table));
      const allUnique = uniqueIndexes(store);
      // Keys can only collide when a row is new or a column a unique index names (or deleted_at) changes:
      // a year of edits to bios and approvals checks no key.
      for (const row of pending.values()) row.exists = store.prepare(`SELECT 1 FROM ${row.table} WHERE id = ?`).get(row.rowId) !== undefined;
      const keyColumns = new Map<string, boolean>();
      const isKey = (table: string, col: string) => {
        const k = `${table}\0${col}`;
        let yes = keyColumns.get(k);
        if (yes === undefined) keyColumns.set(k, (yes = col === 'deleted_at' || allUnique.some((i) => i.tbl_name === table && new RegExp(`\\b${col}\\b`).test(i.sql))));
        return yes;
      };
      const keyed = new Set(
        [...pending.values()].filter((row) => !row.exists || [...row.values.keys()].some((col) => isKey(row.table, col))).map((row) => row.table),
      );
      // Identity tables hang together (a program folded moves its people): their keys are checked as one.
      const identity = IDENTITY_TABLES.some((table) => keyed.has(table));
      const indexes = allUnique.filter((index) => keyed.has(index.tbl_name) || (identity && IDENTITY_TABLES.includes(index.tbl_name)));
      for (const index of indexes) store.sqlite.exec(`DROP INDEX ${index.name}`);
      for (const [key, row] of rowsInOrder) {
        if (materialise(store, row, columns.get(row.table)!, memo)) {
          report.applied += 1;
          memo?.settle(key);
        }
      }
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
        // The conflict rules ask who created a pair: the memo answers once it has read the merge's own rows.
        if (memo) {
          w.flush();
          memo.catchUp(store);
        }
        report.conflicts = reconcile(store, w, options.now, undefined, memo ? (pairId) => memo.creator(pairId) : undefined).conflicts;
      }
    }
    if (options.cursor !== undefined) setCursor(store, options.cursor);
    options.beforeCommit?.();
  });
  return report;
}

/**
 * Writes a row's winning values: an UPDATE when it exists. A row this replica does not have yet is
 * inserted from everything the log now holds about it (its creation may have come in an earlier page
 * than some of its columns: a page boundary can split one transaction's changes).
 */
function materialise(store: Store, row: Pending, columns: ReadonlySet<string>, memo: LogMemo | undefined): boolean {
  assertIdentifier(row.table);
  if (row.exists) {
    const cols = [...row.values.keys()];
    cols.forEach(assertIdentifier);
    store.prepare(`UPDATE ${row.table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => JSON.parse(row.values.get(c)!) as SqlValue), row.rowId);
    return true;
  }
  const folded = new Map<string, SqlValue>();
  const history = memo
    ? memo.history(store, row.table, row.rowId)
    : (store.prepare('SELECT col, value FROM changes WHERE tbl = ? AND row_id = ? AND erased_at IS NULL ORDER BY hlc').all(row.table, row.rowId) as { col: string; value: string }[]);
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
