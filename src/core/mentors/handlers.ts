import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { mentorsContract } from './contract';
import { mentorsOverview } from './overview';

export function mentorsHandlers({ store, now }: CoreContext): SliceHandlers<typeof mentorsContract> {
  return {
    'mentors.overview': (input) => mentorsOverview(store, input.cohortId, input.asOf === undefined ? now() : new Date(input.asOf)),
  };
}
