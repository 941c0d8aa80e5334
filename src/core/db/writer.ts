import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { foldKey } from './fold';
import type { HybridLogicalClock } from './hlc';
import type { Database, TrackedTable } from './schema';

/**
 * What the writer needs from the database it writes to: prepared statements (cached by SQL text) and
 * the clock that stamps change rows. Store satisfies it; declaring it here keeps writer.ts from
 * importing store.ts, which imports this file.
 */
export interface WriteTarget {
  prepare(sql: string): BetterSqlite3.Statement;
  readonly clock: Pick<HybridLogicalClock, 'now' | 'clientId'>;
}

type Row<T extends TrackedTable> = Database[T];
/** Columns the writer fills itself from another column of the row (see DERIVED). */
type DerivedColumn = 'name_key' | 'email_key';
/** What a caller supplies for a new row: everything but the bookkeeping and derived columns. */
export type NewRow<T extends TrackedTable> = Omit<Row<T>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | DerivedColumn> & {
  id?: string;
};
export type RowPatch<T extends TrackedTable> = Partial<Omit<Row<T>, 'id' | 'created_at' | 'updated_at' | DerivedColumn>>;

/**
 * Folded keys, written with the column they are folded from whenever it is written, so that no caller
 * can store a name without its key (the unique indexes compare keys; fold.ts says how names compare).
 * A key is written only where the schema has its column: writers of older schema versions (tests,
 * migrations) write the rows of their time.
 */
const DERIVED: Partial<Record<TrackedTable, readonly { from: string; to: DerivedColumn }[]>> = {
  programs: [{ from: 'name', to: 'name_key' }],
  cohorts: [{ from: 'name', to: 'name_key' }],
  people: [{ from: 'email', to: 'email_key' }],
};

/**
 * foldKey with its last answer remembered: an import folds each email to find the person (commit.ts), then the
 * insert folds the same string again for email_key; 10,000 emails of 320 characters took ~30 ms each time.
 */
export function foldKeyRemembered(text: string): string {
  if (text !== lastFold[0]) lastFold = [text, foldKey(text)];
  return lastFold[1];
}
let lastFold: [text: string, key: string] = ['', foldKey('')];

type SqlValue = string | number | null;
/** Change-row values a caller has already encoded, by column: each is JSON.stringify of that column's value. */
export type EncodedValues = Readonly<Record<string, string | undefined>>;

const IDENTIFIER = /^[a-z_]+$/;

/** Change rows per INSERT statement: one statement per column written was most of an import's time. */
const CHANGE_BATCH = 200;

export function assertIdentifier(name: string): void {
  // Column names come from typed objects, but they are spliced into SQL: refuse anything odd.
  if (!IDENTIFIER.test(name)) throw new Error(`Refusing unsafe SQL identifier "${name}"`);
}

const changeSqlCache = new Map<number, string>();

/** The INSERT of `rows` change rows, built once per row count (a full batch's text is 4 KB). */
function changeInsertSql(rows: number): string {
  let sql = changeSqlCache.get(rows);
  if (!sql) {
    sql = `INSERT INTO changes (hlc, client_id, tbl, row_id, col, value) VALUES ${'(?, ?, ?, ?, ?, ?), '.repeat(rows).slice(0, -2)}`;
    changeSqlCache.set(rows, sql);
  }
  return sql;
}

/** The columns every insert sets itself, in the order it adds them after the caller's. */
const BOOKKEEPING = ['id', 'created_at', 'updated_at'] as const as readonly string[];

const insertSqlCache = new Map<string, string>();
/** Each table's last INSERT: an import inserts the same columns 10,000 times, compared here without building a key. */
const lastInsert = new Map<string, { columns: string[]; sql: string }>();

/** INSERT text for a table and column list, checked once and cached: imports insert thousands of alike rows. */
function insertSql(table: string, columns: string[]): string {
  const last = lastInsert.get(table);
  if (last && last.columns.length === columns.length && last.columns.every((c, i) => c === columns[i])) return last.sql;
  const sql = insertSqlFor(table, columns);
  lastInsert.set(table, { columns: [...columns], sql });
  return sql;
}

function insertSqlFor(table: string, columns: string[]): string {
  const key = `${table}:${columns.join(',')}`;
  let sql = insertSqlCache.get(key);
  if (!sql) {
    assertIdentifier(table);
    columns.forEach(assertIdentifier);
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    insertSqlCache.set(key, sql);
  }
  return sql;
}

/**
 * The one write path. Every insert, update and delete also appends one change row per written column
 * (HLC timestamp, client id, table, row id, column, JSON value) in the caller's transaction.
 */
export class Writer {
  /** Change rows waiting to be inserted, six values each; flushed in multi-row INSERTs. */
  private pending: SqlValue[] = [];

  /** The rows written since the last flush, each with its change rows: [table, row id, first change row, count]. */
  private groups: [table: string, rowId: string, first: number, count: number][] = [];

  /** The last full batch's shape (tables and columns in order) and its INSERT text (see flush). */
  private lastShape = '';
  private lastShapeSql = '';

  /** Each table's columns, read once: derived keys are written only where the schema has them. */
  private readonly columns = new Map<string, Set<string>>();

  /** While set (withOneStamp), every write takes this one change timestamp and row time. */
  private stamp: { hlc: string; at: string } | null = null;

  constructor(private readonly target: WriteTarget) {}

  /**
   * Runs `fn` with one HLC timestamp for all its change rows and one created/updated time for all its
   * rows, so that neither the change log's timestamps nor the rows' times put the writes in an order.
   * Anonymous survey responses are written this way (src/core/feedback/responses.ts). Last-writer-wins
   * sync compares timestamps per row and column, so a batch must not write the same row's column twice.
   */
  withOneStamp<T>(fn: () => T): T {
    if (this.stamp) return fn();
    this.stamp = { hlc: this.target.clock.now(), at: new Date().toISOString() };
    try {
      return fn();
    } finally {
      this.stamp = null;
    }
  }

  private time(): string {
    if (this.stamp) return this.stamp.at;
    // The same millisecond gives the same text: formatted once, not for each of an import's 20,000 rows.
    const ms = new Date().getTime();
    if (ms !== this.lastTime[0]) this.lastTime = [ms, new Date(ms).toISOString()];
    return this.lastTime[1];
  }

  private lastTime: [ms: number, iso: string] = [Number.NaN, ''];

  private hasColumn(table: string, column: string): boolean {
    let columns = this.columns.get(table);
    if (!columns) {
      assertIdentifier(table);
      columns = new Set(this.target.prepare(`SELECT * FROM ${table} LIMIT 0`).columns().map((c) => c.name));
      this.columns.set(table, columns);
    }
    return columns.has(column);
  }

  /** Adds the folded keys of the columns `values` writes. */
  private withDerived(table: TrackedTable, values: Record<string, SqlValue | undefined>): Record<string, SqlValue | undefined> {
    const derived = DERIVED[table];
    if (!derived) return values;
    const out = { ...values };
    for (const { from, to } of derived) {
      const source = values[from];
      if (source === undefined || !this.hasColumn(table, to)) continue;
      out[to] = typeof source === 'string' ? foldKeyRemembered(source) : null;
    }
    return out;
  }

  /**
   * `encoded` may give some columns' change-row values already written as JSON (each exactly
   * JSON.stringify of the column's value): an import writes 10,000 availability lists whose JSON text is
   * itself quoted for the change log, and can build both from cached pieces (src/core/import/commit.ts).
   */
  insert<T extends TrackedTable>(table: T, values: NewRow<T>, encoded?: EncodedValues): string {
    const id = values.id ?? randomUUID();
    const now = this.time();
    const source = this.withDerived(table, values as Record<string, SqlValue>);
    // The columns and values of { ...source, id, created_at, updated_at } without deleted_at, in that
    // object's key order, built in one pass (an import inserts 20,000 rows).
    const columns: string[] = [];
    const args: SqlValue[] = [];
    let own = 0;
    for (const column of Object.keys(source)) {
      if (column === 'deleted_at') continue;
      columns.push(column);
      const bookkeeping = BOOKKEEPING.indexOf(column);
      if (bookkeeping < 0) args.push(source[column] ?? null);
      else {
        own |= 1 << bookkeeping;
        args.push(bookkeeping === 0 ? id : now);
      }
    }
    for (let k = 0; k < BOOKKEEPING.length; k++) {
      if (own & (1 << k)) continue;
      columns.push(BOOKKEEPING[k]!);
      args.push(k === 0 ? id : now);
    }
    // An array binds as the statement's parameters without spreading a call's arguments.
    this.target.prepare(insertSql(table, columns)).run(args);
    const first = this.pending.length / 6;
    for (let k = 0; k < columns.length; k++) {
      if (columns[k] !== 'id') this.record(table, id, columns[k]!, args[k]!, encoded?.[columns[k]!]);
    }
    this.endRow(table, id, first);
    return id;
  }

  /** Writes only the columns whose value actually changes; returns the number of changed columns. */
  update<T extends TrackedTable>(table: T, id: string, patch: RowPatch<T>): number {
    assertIdentifier(table);
    const current = this.target.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
      | Record<string, SqlValue>
      | undefined;
    if (!current) throw new Error(`No ${table} row with id ${id}`);
    const changed = Object.entries(this.withDerived(table, patch as Record<string, SqlValue | undefined>)).filter(
      ([column, value]) => value !== undefined && current[column] !== value,
    ) as [string, SqlValue][];
    if (changed.length === 0) return 0;
    changed.push(['updated_at', this.time()]);
    changed.forEach(([column]) => assertIdentifier(column));
    const sql = `UPDATE ${table} SET ${changed.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`;
    this.target.prepare(sql).run([...changed.map(([, v]) => v), id]);
    const first = this.pending.length / 6;
    for (const [column, value] of changed) this.record(table, id, column, value);
    this.endRow(table, id, first);
    return changed.length - 1;
  }

  /** Writes a row's derived keys from its current values (filling them in for rows written before they existed). */
  refreshDerived(table: TrackedTable, id: string): number {
    assertIdentifier(table);
    const derived = DERIVED[table] ?? [];
    const current = this.target.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, SqlValue> | undefined;
    if (!current) throw new Error(`No ${table} row with id ${id}`);
    return this.update(table, id, Object.fromEntries(derived.map(({ from }) => [from, current[from]])) as RowPatch<typeof table>);
  }

  /** Deletes are tombstones so that a sync peer learns of them like any other change. */
  remove(table: TrackedTable, id: string): void {
    this.update(table, id, { deleted_at: this.time() } as RowPatch<typeof table>);
  }

  private record(table: string, rowId: string, column: string, value: SqlValue, encoded?: string): void {
    const clock = this.target.clock;
    this.pending.push(this.stamp?.hlc ?? clock.now(), clock.clientId, table, rowId, column, encoded ?? JSON.stringify(value));
  }

  /** Closes a written row's change rows; a batch is flushed between rows, never inside one. */
  private endRow(table: string, rowId: string, first: number): void {
    this.groups.push([table, rowId, first, this.pending.length / 6 - first]);
    if (this.pending.length >= CHANGE_BATCH * 6) this.flush();
  }

  /**
   * Inserts the buffered change rows. Store.transact calls this before its transaction (or savepoint)
   * ends, so change rows always commit, or roll back, with the writes they describe.
   */
  flush(): void {
    const pending = this.pending;
    const groups = this.groups;
    if (pending.length === 0) return;
    this.pending = [];
    this.groups = [];
    if (pending.length >= CHANGE_BATCH * 6 && this.flushShaped(pending, groups)) return;
    const full = CHANGE_BATCH * 6;
    for (let at = 0; at < pending.length; at += full) {
      // record() flushes at exactly one batch, so the buffer is usually bound as it is, without a copy.
      const batch = at === 0 && pending.length <= full ? pending : pending.slice(at, at + full);
      this.target.prepare(changeInsertSql(batch.length / 6)).run(batch);
    }
  }

  /**
   * A full batch written as the one before it was (an import: person, member, person, member…) is inserted
   * by a statement made for that shape: table and column names are in its text, the client id and each
   * row's id are bound once (named parameters), so each change row binds two values (HLC and value)
   * instead of six: a third less CPU for the change log of a 10,000-row import. The rows and their order
   * are the same as the generic INSERT's. Only a shape seen twice in a row gets a statement (prepared
   * statements are kept for the connection's life), so writes of ever-changing shapes add none.
   * Returns false when the batch is left to the generic INSERT.
   */
  private flushShaped(pending: SqlValue[], groups: [string, string, number, number][]): boolean {
    let shape = '';
    let rows = 0;
    for (const [table, , first, count] of groups) {
      if (first !== rows) return false;
      shape += `${table}:`;
      for (let i = first; i < first + count; i++) shape += `${pending[i * 6 + 4] as string},`;
      shape += ';';
      rows += count;
    }
    if (rows * 6 !== pending.length) return false;
    if (shape !== this.lastShape) {
      this.lastShape = shape;
      this.lastShapeSql = '';
      return false;
    }
    if (!this.lastShapeSql) {
      const values: string[] = [];
      groups.forEach(([table, , first, count], g) => {
        for (let i = first; i < first + count; i++) values.push(`(?, @c, '${table}', @r${g}, '${pending[i * 6 + 4] as string}', ?)`);
      });
      this.lastShapeSql = `INSERT INTO changes (hlc, client_id, tbl, row_id, col, value) VALUES ${values.join(', ')}`;
    }
    const named: Record<string, SqlValue> = { c: pending[1]! };
    groups.forEach(([, rowId], g) => {
      named[`r${g}`] = rowId;
    });
    const bound: SqlValue[] = new Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      bound[i * 2] = pending[i * 6]!;
      bound[i * 2 + 1] = pending[i * 6 + 5]!;
    }
    this.target.prepare(this.lastShapeSql).run(bound, named);
    return true;
  }

  /** Forgets buffered change rows whose writes were rolled back. */
  discard(): void {
    this.groups = [];
    this.pending = [];
  }
}
