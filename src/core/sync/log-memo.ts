import type { ChangeRow } from '../db/schema';
import type { Store } from '../db/store';
import type { SyncChange } from './messages';
import { fieldKey } from './page-lookup';

/**
 * The bulk path of a first sync (engine.ts pull): what applying a page asks of the change log, answered
 * from memory instead of from the log's field index.
 *
 * Applying a page asks the log four questions: the newest HLC of each field the page touches (erased
 * changes included), whether a given change (field and HLC) is in the log already, which rows carry an
 * erased change, and, for a row that is not in its table yet, the newest non-erased value of each of its
 * columns (plus, for the conflict rules, which replica made a pair's oldest `created_at` change). With the
 * field index those are indexed queries, but keeping the index while a million rows go in rewrites most of
 * it on every page (each page touches every row of the program): that and the queries were two thirds of
 * a first sync down. The memo holds the answers instead, read once from the log when the pull starts and
 * kept up to date with every row appended, so the pull can leave the index out and build it once at the
 * end (a sort, not a million inserts at random places).
 *
 * It answers exactly what the log would, or it stops being used: the log is append-only except for
 * erasures (people.erase, feedback forget), which mark rows `erased_at`. At the start of every page,
 * inside its transaction, `catchUp` reads the rows appended since the memo last looked (the merge's own
 * writes, an edit made between pages, another program's writes) and compares the count of erased rows;
 * if that moved, the memo is dropped and the pull goes on the indexed way.
 *
 * Memory: one entry per field (not per change) and a Bloom filter of two bytes per change; a year of a
 * 10,000-person program (200,000 fields, 1,050,000 changes) is a few tens of MB.
 */

interface Live {
  hlc: string;
  value: string;
}

type LogRow = ChangeRow;

/**
 * Whether a change is in the log: a Bloom filter of (field, HLC), with the log itself asked about the
 * filter's "maybe" (true duplicates, and ~1 in 600 false alarms): exact, without keeping a million HLCs.
 */
class Bloom {
  private readonly bits: Uint32Array;
  /** Blocks of 512 bits (one cache line): a change's 8 bits all fall in one, one memory access instead of eight. */
  private readonly blocks: number;
  private static readonly HASHES = 8;

  constructor(expected: number) {
    // 16 bits an entry, a power of two of blocks: 8 hashes in a block then give ~0.16 % false alarms (measured).
    let blocks = 128;
    while (blocks * 512 < expected * 16 && blocks < 1 << 21) blocks *= 2;
    this.blocks = blocks;
    this.bits = new Uint32Array(blocks * 16);
  }

  /** The hash state after `field \0` (FNV-1a and a multiplicative hash side by side): a field's HLCs continue from it. */
  static seed(field: string): Seed {
    let h1 = 0x811c9dc5;
    let h2 = 0x9e3779b9;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    return { h1: Math.imul(h1, 0x01000193), h2: Math.imul(h2, 0x5bd1e995) ^ (h2 >>> 15) };
  }

  /** The two hashes of the last `mix`, kept in fields rather than returned: no allocation for a million changes. */
  private h1 = 0;
  private h2 = 0;

  private mix(seed: Seed, hlc: string): void {
    let h1 = seed.h1;
    let h2 = seed.h2;
    for (let i = 0; i < hlc.length; i++) {
      const c = hlc.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    this.h1 = h1;
    this.h2 = h2 | 1;
  }

  add(seed: Seed, hlc: string): void {
    this.mix(seed, hlc);
    const base = (this.h1 & (this.blocks - 1)) * 16;
    const step = ((this.h2 >>> 16) | (this.h2 << 16)) | 1;
    for (let k = 0; k < Bloom.HASHES; k++) {
      const bit = (this.h2 + Math.imul(k, step)) & 511;
      this.bits[base + (bit >>> 5)]! |= 1 << (bit & 31);
    }
  }

  mayHave(seed: Seed, hlc: string): boolean {
    this.mix(seed, hlc);
    const base = (this.h1 & (this.blocks - 1)) * 16;
    const step = ((this.h2 >>> 16) | (this.h2 << 16)) | 1;
    for (let k = 0; k < Bloom.HASHES; k++) {
      const bit = (this.h2 + Math.imul(k, step)) & 511;
      if ((this.bits[base + (bit >>> 5)]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

interface Seed {
  h1: number;
  h2: number;
}

export class LogMemo {
  /** The newest HLC of every field in the log, erased changes included (page-lookup newestByField). */
  readonly newest = new Map<string, string>();
  /** Rows (`tbl \0 row`) with an erased change (page-lookup erasedRows). */
  readonly erasedRows = new Set<string>();
  /** Per row, per column: the newest change not erased, which inserting a new row folds (apply.ts materialise). */
  private readonly live = new Map<string, Map<string, Live>>();
  /** Rows known to be in their table (see settle). */
  private readonly settled = new Set<string>();
  /** Per pair: the oldest change of its `created_at`, whose replica the conflict rules ask for (conflicts.ts). */
  private readonly creators = new Map<string, { hlc: string; client: string }>();
  private readonly bloom: Bloom;
  /** The newest seq read; the number of erased rows the log holds. */
  private seq = 0;
  private erasedCount = 0;

  private constructor(expected: number) {
    this.bloom = new Bloom(expected);
  }

  /** Reads the whole log (the bulk path is taken when the log is small next to what the pull brings). */
  static load(store: Store, incoming: number): LogMemo {
    const seq = (store.prepare('SELECT max(seq) FROM changes').pluck().get() as number | null) ?? 0;
    const memo = new LogMemo(seq + incoming);
    memo.readAfter(store, 0);
    return memo;
  }

  private readAfter(store: Store, after: number): void {
    const rows = store.prepare('SELECT seq, hlc, client_id, tbl, row_id, col, value, erased_at FROM changes WHERE seq > ? ORDER BY seq').iterate(after) as IterableIterator<LogRow>;
    for (const r of rows) {
      const row = `${r.tbl}\0${r.row_id}`;
      const field = `${row}\0${r.col}`;
      this.record(row, field, { tbl: r.tbl, rowId: r.row_id, col: r.col }, [{ hlc: r.hlc, clientId: r.client_id, value: r.value, erased: r.erased_at !== null }]);
      const newest = this.newest.get(field);
      if (newest === undefined || r.hlc > newest) this.newest.set(field, r.hlc);
      if (r.erased_at !== null) this.erasedRows.add(row);
      this.seq = r.seq;
    }
  }

  /**
   * At the start of a page, inside its transaction: takes in the rows appended since (with the write lock
   * held, nothing else can append meanwhile). False when the log changed in another way (an erasure marked
   * rows): the memo no longer describes it and must not be used again.
   */
  catchUp(store: Store): boolean {
    this.readAfter(store, this.seq);
    return (store.prepare('SELECT count(*) FROM changes WHERE erased_at IS NOT NULL').pluck().get() as number) === this.erasedCount;
  }

  /** Notes the seq of the rows the page appended (`insertChanges`), already recorded one by one. */
  appended(store: Store): void {
    this.seq = (store.prepare('SELECT max(seq) FROM changes').pluck().get() as number | null) ?? 0;
  }

  /**
   * Changes of one field appended to the log (or read from it), oldest first, with the row's and field's
   * keys (`tbl \0 row`, `tbl \0 row \0 col`). `newest` and `erasedRows` are the caller's to update:
   * applying a page reads them as of the page's start (apply.ts), rows read from the log update them at once.
   */
  record(row: string, field: string, of: { tbl: string; rowId: string; col: string }, changes: readonly Pick<SyncChange, 'hlc' | 'clientId' | 'value' | 'erased'>[]): void {
    const seed = Bloom.seed(field);
    const keepLive = !this.settled.has(row);
    let cols = keepLive ? this.live.get(row) : undefined;
    for (const change of changes) {
      this.bloom.add(seed, change.hlc);
      if (change.erased) {
        this.erasedCount += 1;
      } else if (keepLive) {
        if (!cols) this.live.set(row, (cols = new Map()));
        const live = cols.get(of.col);
        // Ties (one field written twice under one stamp, which the writer forbids) go to the later row, as the history query reads them.
        if (live === undefined || change.hlc >= live.hlc) cols.set(of.col, { hlc: change.hlc, value: change.value });
      }
      if (of.tbl === 'pairs' && of.col === 'created_at') {
        const creator = this.creators.get(of.rowId);
        if (creator === undefined || change.hlc < creator.hlc) this.creators.set(of.rowId, { hlc: change.hlc, client: change.clientId });
      }
    }
  }

  /**
   * The row is in its table now: its history is not needed again (an existing row takes an UPDATE of the
   * page's winning values), so its values are not kept. Should it be asked for anyway, the log answers.
   */
  settle(row: string): void {
    if (this.settled.has(row)) return;
    this.settled.add(row);
    this.live.delete(row);
  }

  /**
   * Which of the page's changes the log holds already (indexes into `changes`), as of now: a change newer
   * than its field's newest cannot be there, one equal to it is; between, the filter, then the log.
   */
  inLog(store: Store, changes: readonly SyncChange[], groups: Iterable<{ field: string; items: readonly number[] }>): Set<number> {
    const found = new Set<number>();
    const maybe: { field: string; i: number }[] = [];
    for (const { field, items } of groups) {
      const newest = this.newest.get(field);
      if (newest === undefined) continue;
      let seed: Seed | undefined;
      for (const i of items) {
        const hlc = changes[i]!.hlc;
        if (hlc > newest) continue;
        if (hlc === newest) found.add(i);
        else if (this.bloom.mayHave((seed ??= Bloom.seed(field)), hlc)) maybe.push({ field, i });
      }
    }
    if (maybe.length > 0) {
      // One pass over the log for the whole page (no field index here): rare, the filter lets ~1 in 600 others through.
      const held = new Set<string>();
      const query = store.prepare('SELECT tbl, row_id, col, hlc FROM changes WHERE hlc IN (SELECT value FROM json_each(?))');
      for (const r of query.iterate(JSON.stringify([...new Set(maybe.map(({ i }) => changes[i]!.hlc))])) as IterableIterator<{ tbl: string; row_id: string; col: string; hlc: string }>) {
        held.add(`${fieldKey(r.tbl, r.row_id, r.col)}\0${r.hlc}`);
      }
      for (const { field, i } of maybe) if (held.has(`${field}\0${changes[i]!.hlc}`)) found.add(i);
    }
    return found;
  }

  /** A row's newest non-erased value per column: what `SELECT col, value … ORDER BY hlc` folds to. */
  history(store: Store, tbl: string, rowId: string): { col: string; value: string }[] {
    const row = `${tbl}\0${rowId}`;
    if (this.settled.has(row)) {
      // A row gone from its table since it settled (nothing in the app deletes one but an erasure, which ends the memo): read the log, without the index.
      return store.prepare('SELECT col, value FROM changes WHERE tbl = ? AND row_id = ? AND erased_at IS NULL ORDER BY hlc').all(tbl, rowId) as { col: string; value: string }[];
    }
    const cols = this.live.get(row);
    return cols ? [...cols].map(([col, live]) => ({ col, value: live.value })) : [];
  }

  /** The replica that made a pair's oldest `created_at` change ('' when none). */
  creator(pairId: string): string {
    return this.creators.get(pairId)?.client ?? '';
  }
}
