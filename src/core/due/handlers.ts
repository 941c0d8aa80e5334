import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { dueContract } from './contract';
import { dueList } from './due';

export function dueHandlers({ store, now }: CoreContext): SliceHandlers<typeof dueContract> {
  return {
    'due.list': (input) => dueList(store, input, input.asOf === undefined ? now() : new Date(input.asOf)),
  };
}
