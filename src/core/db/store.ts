import BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import { OpenedReadOnlyError } from './file-errors';
import { HybridLogicalClock } from './hlc';
import type { Database } from './schema';
import { Writer } from './writer';

export type Sqlite = BetterSqlite3.Database;

/**
 * The open workspace database. Queries are built with kysely (typed) and executed synchronously on
 * better-sqlite3: the driver is synchronous anyway, and a synchronous transaction cannot interleave
 * with another request, so an import either commits whole or not at all.
 */
export class Store {
  /** Query builder only: it compiles SQL, it never touches a connection. */
  readonly q: Kysely<Database>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  /** Opened with `{ readOnly: true }` (see open.ts): every transact is refused before it starts. */
  readonly readOnly: boolean;

  constructor(
    readonly sqlite: Sqlite,
    readonly clock: HybridLogicalClock,
    readonly path: string,
    options: { readOnly?: boolean } = {},
  ) {
    this.readOnly = options.readOnly === true;
    this.q = new Kysely<Database>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
  }

  /** Prepared statements are cached by SQL text; imports reuse a handful thousands of times. */
  prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  all<R>(query: Compilable<R>): R[] {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).all(...(parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).get(...(parameters as unknown[])) as R | undefined;
  }

  private writer: Writer | undefined;

  /**
   * Runs `fn` in one transaction (a savepoint when nested); every write inside goes through the
   * change-recording writer, whose buffered change rows are flushed before the transaction ends.
   *
   * Other connections may write to the same file (the import worker, a CLI while the app is open): a
   * top-level transaction first moves this clock past the newest change in the file. It reads it under
   * the write lock (BEGIN IMMEDIATE), so no other writer can append between that read and this
   * transaction's own change rows, and the log's HLCs keep increasing with seq whoever writes.
   */
  transact<T>(fn: (writer: Writer) => T): T {
    if (this.readOnly) throw new OpenedReadOnlyError(this.path);
    const writer = (this.writer ??= new Writer(this));
    writer.flush();
    const outermost = !this.sqlite.inTransaction;
    const run = this.sqlite.transaction(() => {
      if (outermost) this.observeNewestChange();
      const result = fn(writer);
      writer.flush();
      return result;
    });
    try {
      return run.immediate();
    } catch (error) {
      writer.discard();
      throw error;
    }
  }

  /** The newest change row by seq: the primary key, so a one-row read whatever the log's length. */
  private observeNewestChange(): void {
    const newest = this.prepare('SELECT hlc FROM changes ORDER BY seq DESC LIMIT 1').get() as { hlc: string } | undefined;
    if (newest) this.clock.observe(newest.hlc);
  }

  close(): void {
    this.statements.clear();
    if (this.sqlite.open) this.sqlite.close();
  }
}
