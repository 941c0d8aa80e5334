import type { Store } from '../db/store';

/**
 * Replaced responses must not stay readable: next to the new set, the old one would isolate the answer
 * of whoever answered in between. Their change rows' values are blanked (marked erased, as people.erase
 * does), and the rows are emptied and tombstoned in one batch, so a sync peer learns of it too.
 * Call inside a transaction.
 */
export function forgetResponses(store: Store, ids: readonly string[], now: Date): void {
  if (ids.length === 0) return;
  store.sqlite
    .prepare("UPDATE changes SET value = 'null', erased_at = ? WHERE tbl = 'survey_responses' AND erased_at IS NULL AND row_id IN (SELECT value FROM json_each(?))")
    .run(now.toISOString(), JSON.stringify(ids));
  store.transact((w) =>
    w.withOneStamp(() => {
      for (const id of ids) {
        w.update('survey_responses', id, { answers: '{}', person_id: null, role: null, department: null, team: null });
        w.remove('survey_responses', id);
      }
    }),
  );
}

/** Deleted and overwritten content is zeroed in the file rather than left in free pages (SQLite secure_delete). */
export function withSecureDelete<T>(store: Store, fn: () => T): T {
  const before = store.sqlite.pragma('secure_delete', { simple: true }) as number;
  store.sqlite.pragma('secure_delete = ON');
  try {
    return fn();
  } finally {
    store.sqlite.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
    // Old page images also sit in the write-ahead log until a checkpoint: move them into the file now.
    if (!store.sqlite.inTransaction) store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
}
