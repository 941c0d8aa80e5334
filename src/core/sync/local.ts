import type { ChangeRow } from '../db/schema';
import type { Store } from '../db/store';
import type { SyncChange } from './messages';

/**
 * This replica's sync bookkeeping, in the workspace's `meta` table (local, never synced): how far the
 * server's log has been applied (the cursor, a server seq), how far this replica's own changes have
 * been pushed (a local change seq), and when it last synced. The server address and passphrase are
 * never written here (see service.ts and src/main/sync-secrets.ts).
 */
const KEYS = {
  target: 'sync.target',
  cursor: 'sync.cursor',
  pushed: 'sync.pushed_seq',
  lastSync: 'sync.last_sync_at',
} as const;

function read(store: Store, key: string): string | undefined {
  return (store.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function writeMeta(store: Store, key: string, value: string): void {
  store.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export interface LocalSyncState {
  cursor: number;
  pushedSeq: number;
  lastSyncAt: string | null;
}

export function localState(store: Store): LocalSyncState {
  return {
    cursor: Number(read(store, KEYS.cursor) ?? 0),
    pushedSeq: Number(read(store, KEYS.pushed) ?? 0),
    lastSyncAt: read(store, KEYS.lastSync) ?? null,
  };
}

/**
 * A workspace that syncs with another space (another server, or a space re-created with a new salt)
 * starts over there: pull everything, push all of its own changes. Applying is idempotent, so starting
 * over costs time, never correctness.
 */
/**
 * The change log's field index, which applying a peer's change needs (the newest change of a field), is
 * made the first time a workspace syncs: a workspace that never syncs does not pay for it on every write
 * (migration 19). Building it over a million change rows takes a few seconds, once.
 */
export function ensureFieldIndex(store: Store): void {
  store.sqlite.exec('CREATE INDEX IF NOT EXISTS changes_field ON changes(tbl, row_id, col, hlc)');
}

export function useTarget(store: Store, target: string): void {
  if (read(store, KEYS.target) === target) return;
  store.sqlite.transaction(() => {
    writeMeta(store, KEYS.target, target);
    writeMeta(store, KEYS.cursor, '0');
    writeMeta(store, KEYS.pushed, '0');
  })();
}

/** Written in the transaction that applied the messages up to `seq`: a crash keeps both or neither. */
export function setCursor(store: Store, seq: number): void {
  writeMeta(store, KEYS.cursor, String(seq));
}

export function setPushed(store: Store, seq: number): void {
  writeMeta(store, KEYS.pushed, String(seq));
}

export function setLastSync(store: Store, at: string): void {
  writeMeta(store, KEYS.lastSync, at);
}

/** Own changes not yet on the server. Changes applied from peers carry the peer's client id and are never pushed back. */
export function pendingCount(store: Store): number {
  const { pushedSeq } = localState(store);
  return (store.prepare('SELECT count(*) AS n FROM changes WHERE seq > ? AND client_id = ?').get(pushedSeq, store.clock.clientId) as { n: number }).n;
}

type ChangeRecord = ChangeRow;

/** The next own changes after `afterSeq`, oldest first, with the last seq read. */
export function ownChangesAfter(store: Store, afterSeq: number, limit: number): { changes: SyncChange[]; lastSeq: number } {
  // One read transaction: both reads see one snapshot, so no own row can commit between them and be stepped over.
  return store.sqlite.transaction(() => readOwnChanges(store, afterSeq, limit))();
}

function readOwnChanges(store: Store, afterSeq: number, limit: number): { changes: SyncChange[]; lastSeq: number } {
  const rows = store
    .prepare('SELECT seq, hlc, client_id, tbl, row_id, col, value, erased_at FROM changes WHERE seq > ? AND client_id = ? ORDER BY seq LIMIT ?')
    .all(afterSeq, store.clock.clientId, limit) as ChangeRecord[];
  return {
    changes: rows.map((r) => ({ hlc: r.hlc, clientId: r.client_id, tbl: r.tbl, rowId: r.row_id, col: r.col, value: r.erased_at ? 'null' : r.value, erased: r.erased_at !== null })),
    // With nothing of ours left, the watermark moves past peers' rows too (a later own row always gets a higher
    // seq): the next push does not scan again the log a first sync filled with peers' changes.
    lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : Math.max(afterSeq, (store.prepare('SELECT max(seq) FROM changes').pluck().get() as number | null) ?? 0),
  };
}
