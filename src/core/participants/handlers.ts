import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { participantsContract } from './contract';
import { listMembers, removeMember, updateMember } from './members';
import { addMember, exportLeftovers, setApprovals } from './roster';

export function participantsHandlers({ store }: CoreContext): SliceHandlers<typeof participantsContract> {
  return {
    'members.list': (input) => listMembers(store, input.cohortId),
    'members.update': (input) => updateMember(store, input.id, input.patch),
    'members.add': (input) => addMember(store, input.cohortId, input.person),
    'members.setApprovals': (input) => ({ before: setApprovals(store, input.changes) }),
    'members.exportLeftovers': async (input) => {
      const file = await exportLeftovers(store, input.cohortId, input.format);
      return { fileName: file.fileName, mimeType: file.mimeType, dataBase64: Buffer.from(file.bytes).toString('base64') };
    },
    'members.remove': (input) => {
      removeMember(store, input.id);
      return { removed: true as const };
    },
  };
}
