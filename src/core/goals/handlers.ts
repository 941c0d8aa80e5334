import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { goalsContract } from './contract';
import { addGoal, addMilestone, removeGoal, removeMilestone, settingsOfCohort, updateGoal, updateMilestone, viewGoals } from './goals';
import { applyTemplate, listTemplates, removeTemplate, saveTemplate } from './templates';
import { NotFoundError } from '../errors';

export function goalsHandlers({ store, now }: CoreContext): SliceHandlers<typeof goalsContract> {
  return {
    'goals.list': (input) => {
      const asOf = input.asOf === undefined ? now() : new Date(input.asOf);
      let cohortId = input.cohortId;
      if (input.pairId !== undefined) {
        const pair = store.first(store.q.selectFrom('pairs').select('cohort_id').where('id', '=', input.pairId).where('deleted_at', 'is', null));
        if (!pair) throw new NotFoundError(`No pair with id ${input.pairId}`);
        cohortId = pair.cohort_id;
      }
      const stuckDays = settingsOfCohort(store, cohortId!).goalStuckDays;
      const by = input.pairId !== undefined ? { pairId: input.pairId } : { cohortId };
      const view = viewGoals(store, by, asOf, stuckDays, { status: input.status, stuckOnly: input.stuckOnly, page: input.page });
      return { asOf: asOf.toISOString(), stuckDays, ...view };
    },
    'goals.add': (input) => addGoal(store, input, now()),
    'goals.update': (input) => updateGoal(store, input, now()),
    'goals.remove': (input) => removeGoal(store, input.id),
    'goals.addMilestone': (input) => addMilestone(store, input, now()),
    'goals.updateMilestone': (input) => updateMilestone(store, input, now()),
    'goals.removeMilestone': (input) => removeMilestone(store, input.id, now()),
    'goals.listTemplates': (input) => listTemplates(store, input.programId),
    'goals.saveTemplate': (input) => saveTemplate(store, input),
    'goals.removeTemplate': (input) => removeTemplate(store, input.id),
    'goals.applyTemplate': (input) => applyTemplate(store, input.templateId, input.cohortId, now()),
  };
}
