import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { learningContract } from './contract';
import { learningStatus, trainModel } from './model';

export function learningHandlers({ store, now }: CoreContext): SliceHandlers<typeof learningContract> {
  return {
    'learning.status': (input) => learningStatus(store, input.programId),
    'learning.train': (input) => trainModel(store, input.programId, now(), input.criteria),
  };
}
