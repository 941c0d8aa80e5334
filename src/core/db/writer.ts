import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
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
/** What a caller supplies for a new row: everything but the bookkeeping columns. */
export type NewRow<T extends TrackedTable> = Omit<Row<T>, 'id' | 'created_at' | 'updated_at' | 'deleted_at'> & {
  id?: string;
};
export type RowPatch<T extends TrackedTable> = Partial<Omit<Row<T>, 'id' | 'created_at' | 'updated_at'>>;

type SqlValue = string | number | null;

const IDENTIFIER = /^[a-z_]+$/;

/** Change rows per INSERT statement: one statement per column written was most of an import's time. */
const CHANGE_BATCH = 200;

export function assertIdentifier(name: string): void {
  // Column names come from typed objects, but they are spliced into SQL: refuse anything odd.
  if (!IDENTIFIER.test(name)) throw new Error(`Refusing unsafe SQL identifier "${name}"`);
}

const insertSqlCache = new Map<string, string>();

/** INSERT text for a table and column list, checked once and cached: imports insert thousands of alike rows. */
function insertSql(table: string, columns: string[]): string {
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

  constructor(private readonly target: WriteTarget) {}

  insert<T extends TrackedTable>(table: T, values: NewRow<T>): string {
    const id = values.id ?? randomUUID();
    const now = new Date().toISOString();
    const row: Record<string, SqlValue> = { ...(values as Record<string, SqlValue>), id, created_at: now, updated_at: now };
    delete row.deleted_at;
    const columns = Object.keys(row);
    this.target.prepare(insertSql(table, columns)).run(...columns.map((c) => row[c] ?? null));
    for (const column of columns) {
      if (column !== 'id') this.record(table, id, column, row[column] ?? null);
    }
    return id;
  }

  /** Writes only the columns whose value actually changes; returns the number of changed columns. */
  update<T extends TrackedTable>(table: T, id: string, patch: RowPatch<T>): number {
    assertIdentifier(table);
    const current = this.target.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
      | Record<string, SqlValue>
      | undefined;
    if (!current) throw new Error(`No ${table} row with id ${id}`);
    const changed = Object.entries(patch as Record<string, SqlValue | undefined>).filter(
      ([column, value]) => value !== undefined && current[column] !== value,
    ) as [string, SqlValue][];
    if (changed.length === 0) return 0;
    changed.push(['updated_at', new Date().toISOString()]);
    changed.forEach(([column]) => assertIdentifier(column));
    const sql = `UPDATE ${table} SET ${changed.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`;
    this.target.prepare(sql).run(...changed.map(([, v]) => v), id);
    for (const [column, value] of changed) this.record(table, id, column, value);
    return changed.length - 1;
  }

  /** Deletes are tombstones so that a sync peer learns of them like any other change. */
  remove(table: TrackedTable, id: string): void {
    this.update(table, id, { deleted_at: new Date().toISOString() } as RowPatch<typeof table>);
  }

  private record(table: string, rowId: string, column: string, value: SqlValue): void {
    const clock = this.target.clock;
    this.pending.push(clock.now(), clock.clientId, table, rowId, column, JSON.stringify(value));
    if (this.pending.length >= CHANGE_BATCH * 6) this.flush();
  }

  /**
   * Inserts the buffered change rows. Store.transact calls this before its transaction (or savepoint)
   * ends, so change rows always commit, or roll back, with the writes they describe.
   */
  flush(): void {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, CHANGE_BATCH * 6);
      const rows = batch.length / 6;
      const sql = `INSERT INTO changes (hlc, client_id, tbl, row_id, col, value) VALUES ${'(?, ?, ?, ?, ?, ?), '.repeat(rows).slice(0, -2)}`;
      this.target.prepare(sql).run(...batch);
    }
  }

  /** Forgets buffered change rows whose writes were rolled back. */
  discard(): void {
    this.pending = [];
  }
}
