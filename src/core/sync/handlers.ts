import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import { listConflicts, reviewConflict } from './conflict-list';
import type { syncContract } from './contract';
import { SyncService } from './service';

export function syncHandlers({ store, now }: CoreContext): SliceHandlers<typeof syncContract> {
  const service = new SyncService(store, now);
  return {
    'sync.connect': ({ restore, ...credentials }) => service.connect(credentials, { restore }),
    'sync.disconnect': () => service.disconnect(),
    'sync.status': () => service.status(),
    'sync.now': () => service.syncNow(),
    'sync.conflicts': (input) => listConflicts(store, input.includeReviewed ?? false),
    'sync.review': (input) => reviewConflict(store, input.id, now().toISOString()),
  };
}
