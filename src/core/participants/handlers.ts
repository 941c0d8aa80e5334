import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { participantsContract } from './contract';
import { listMembers, removeMember, updateMember } from './members';

export function participantsHandlers({ store }: CoreContext): SliceHandlers<typeof participantsContract> {
  return {
    'members.list': (input) => listMembers(store, input.cohortId),
    'members.update': (input) => updateMember(store, input.id, input.patch),
    'members.remove': (input) => {
      removeMember(store, input.id);
      return { removed: true as const };
    },
  };
}
