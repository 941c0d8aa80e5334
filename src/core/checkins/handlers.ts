import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import { importCheckins, listCheckins, previewCheckins, removeCheckin } from './checkins';
import type { checkinsContract } from './contract';

export function checkinsHandlers({ store, now }: CoreContext): SliceHandlers<typeof checkinsContract> {
  return {
    'checkins.preview': (input) => previewCheckins(store, input, now()),
    'checkins.import': (input) => importCheckins(store, input, now()),
    'checkins.list': (input) => listCheckins(store, input),
    'checkins.remove': (input) => removeCheckin(store, input.id),
  };
}
