import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { workspaceContract } from './contract';

export function workspaceHandlers({ store }: CoreContext): SliceHandlers<typeof workspaceContract> {
  return {
    'workspace.info': () => ({
      path: store.path,
      schemaVersion: store.sqlite.pragma('user_version', { simple: true }) as number,
      // Change rows are never deleted (an erase blanks them), so the last seq counts them without a scan.
      changeCount: (store.sqlite.prepare('SELECT coalesce(max(seq), 0) AS n FROM changes').get() as { n: number }).n,
    }),
  };
}
