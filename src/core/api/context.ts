import type { Store } from '../db/store';
import type { MatchRunner } from '../runs/runner';

/** What every feature's handlers are built from: the open workspace and the few things the shell decides. */
export interface CoreContext {
  store: Store;
  /** Folder with the bundled resources (the sample cohort). */
  resourcesDir: string;
  /** How matching runs execute: a worker thread in the app and the web bridge, in-line in the CLI and tests. */
  matchRunner: MatchRunner;
  /** The clock, injected so that core code and tests agree on "now". */
  now: () => Date;
}
