import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { pairsContract } from './contract';
import { activePairs, dissolvedPairs, dissolvePair, listPublications, publishRun } from './publish';

export function pairsHandlers({ store }: CoreContext): SliceHandlers<typeof pairsContract> {
  return {
    'pairs.publish': (input) => publishRun(store, input.runId),
    'pairs.publications': (input) => listPublications(store, input.cohortId),
    'pairs.active': (input) => activePairs(store, input.cohortId),
    'pairs.dissolved': (input) => dissolvedPairs(store, input.cohortId),
    'pairs.dissolve': (input) => dissolvePair(store, input.pairId),
  };
}
