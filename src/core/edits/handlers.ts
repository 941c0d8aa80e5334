import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { editsContract } from './contract';
import { addEdit, cohortSettings, editsState, redoEdit, removeEdit, saveCohortSettings, undoEdit } from './edits';

export function editsHandlers({ store }: CoreContext): SliceHandlers<typeof editsContract> {
  return {
    'settings.get': (input) => cohortSettings(store, input.cohortId),
    'settings.save': (input) => saveCohortSettings(store, input.cohortId, input.settings),
    'edits.get': (input) => editsState(store, input.cohortId),
    'edits.add': (input) => addEdit(store, input.cohortId, input.edit),
    'edits.remove': (input) => removeEdit(store, input.cohortId, input.target),
    'edits.undo': (input) => undoEdit(store, input.cohortId),
    'edits.redo': (input) => redoEdit(store, input.cohortId),
  };
}
