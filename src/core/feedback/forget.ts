import type { Store } from '../db/store';

/** The columns that say anything about an answer; the row's id, survey and times stay, so replay rebuilds the empty tombstone. */
const CONTENT = ['answers', 'person_id', 'role', 'department', 'team'] as const;

/**
 * Replaced responses must not stay readable: next to the new set, the old one would isolate the answer
 * of whoever answered in between. The values of their content columns in the change log are blanked
 * (marked erased, as people.erase does), and the rows are emptied and tombstoned in one batch, so a sync
 * peer learns of it too and a replay rebuilds the same empty tombstones.
 * Call inside a transaction.
 */
export function forgetResponses(store: Store, ids: readonly string[], now: Date): void {
  if (ids.length === 0) return;
  store.sqlite
    .prepare(
      `UPDATE changes SET value = 'null', erased_at = ? WHERE tbl = 'survey_responses' AND col IN (${CONTENT.map((c) => `'${c}'`).join(', ')}) AND erased_at IS NULL AND row_id IN (SELECT value FROM json_each(?))`,
    )
    .run(now.toISOString(), JSON.stringify(ids));
  store.transact((w) =>
    w.withOneStamp(() => {
      for (const id of ids) {
        // One update empties and tombstones the row: a batch with one stamp writes each column once.
        w.update('survey_responses', id, { answers: '{}', person_id: null, role: null, department: null, team: null, deleted_at: now.toISOString() });
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
