import type { Store } from '../db/store';

/**
 * How the import worker's own connection (worker.ts) is set up; `npm run bench:import` sets its connection
 * up the same way, so that it times what the app does.
 * - The WAL is copied back into the file after the worker has answered, not inside COMMIT: an import of
 *   10,000 rows leaves ~45 MB of WAL, which took 250–400 ms to checkpoint before "done" could go.
 * - A 64 MB page cache (SQLite's default here is 16 MB): a 10,000-row import dirties 35–180 MB of pages, and
 *   with the default cache SQLite spilled pages to the WAL and read them back while it wrote (100,000
 *   reads and 270,000 writes for the file at the cell limits; 54,000 and 210,000 with 64 MB). The cache
 *   grows only as far as an import needs it.
 */
export function tuneImportConnection(store: Store): void {
  store.sqlite.pragma('wal_autocheckpoint = 0');
  store.sqlite.pragma('cache_size = -65536');
}
