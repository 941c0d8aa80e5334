import { randomUUID } from 'node:crypto';
import type { Store } from './store';
import type { Database, TrackedTable } from './schema';

type Row<T extends TrackedTable> = Database[T];
/** What a caller supplies for a new row: everything but the bookkeeping columns. */
export type NewRow<T extends TrackedTable> = Omit<Row<T>, 'id' | 'created_at' | 'updated_at' | 'deleted_at'> & {
  id?: string;
};
export type RowPatch<T extends TrackedTable> = Partial<Omit<Row<T>, 'id' | 'created_at' | 'updated_at'>>;

type SqlValue = string | number | null;

const IDENTIFIER = /^[a-z_]+$/;

export function assertIdentifier(name: string): void {
  // Column names come from typed objects, but they are spliced into SQL: refuse anything odd.
  if (!IDENTIFIER.test(name)) throw new Error(`Refusing unsafe SQL identifier "${name}"`);
}

/**
 * The one write path. Every insert, update and delete also appends one change row per written column
 * (HLC timestamp, client id, table, row id, column, JSON value) in the caller's transaction.
 */
export class Writer {
  constructor(private readonly store: Store) {}

  insert<T extends TrackedTable>(table: T, values: NewRow<T>): string {
    const id = values.id ?? randomUUID();
    const now = new Date().toISOString();
    const row: Record<string, SqlValue> = { ...(values as Record<string, SqlValue>), id, created_at: now, updated_at: now };
    delete row.deleted_at;
    const columns = Object.keys(row);
    columns.forEach(assertIdentifier);
    assertIdentifier(table);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    this.store.prepare(sql).run(...columns.map((c) => row[c] ?? null));
    for (const column of columns) {
      if (column !== 'id') this.record(table, id, column, row[column] ?? null);
    }
    return id;
  }

  /** Writes only the columns whose value actually changes; returns the number of changed columns. */
  update<T extends TrackedTable>(table: T, id: string, patch: RowPatch<T>): number {
    assertIdentifier(table);
    const current = this.store.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
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
    this.store.prepare(sql).run(...changed.map(([, v]) => v), id);
    for (const [column, value] of changed) this.record(table, id, column, value);
    return changed.length - 1;
  }

  /** Deletes are tombstones so that a sync peer learns of them like any other change. */
  remove(table: TrackedTable, id: string): void {
    this.update(table, id, { deleted_at: new Date().toISOString() } as RowPatch<typeof table>);
  }

  private record(table: string, rowId: string, column: string, value: SqlValue): void {
    this.store
      .prepare('INSERT INTO changes (hlc, client_id, tbl, row_id, col, value) VALUES (?, ?, ?, ?, ?, ?)')
      .run(this.store.clock.now(), this.store.clock.clientId, table, rowId, column, JSON.stringify(value));
  }
}
