import { editsHandlers } from '../edits/handlers';
import { dueHandlers } from '../due/handlers';
import { goalsHandlers } from '../goals/handlers';
import { mentorsHandlers } from '../mentors/handlers';
import { importHandlers } from '../import/handlers';
import { learningHandlers } from '../learning/handlers';
import { matchingHandlers } from '../matching/handlers';
import { pairsHandlers } from '../pairs/handlers';
import { participantsHandlers } from '../participants/handlers';
import { peopleHandlers } from '../people/handlers';
import { programsHandlers } from '../programs/handlers';
import { reportsHandlers } from '../reports/handlers';
import { inlineRunner } from '../runs/runner';
import { runsHandlers } from '../runs/handlers';
import { sampleHandlers } from '../sample/handlers';
import { checkinsHandlers } from '../checkins/handlers';
import { remindersHandlers } from '../reminders/handlers';
import { feedbackHandlers } from '../feedback/handlers';
import { sessionsHandlers } from '../sessions/handlers';
import { syncHandlers } from '../sync/handlers';
import { workspaceHandlers } from '../workspace/handlers';
import type { CoreContext } from './context';
import type { Contract } from './contract';
import type { SliceHandlers } from './slice';

export type Handlers = SliceHandlers<Contract>;

/** Every feature's handlers over one workspace; one line per feature, like the contract's slices. */
export function createHandlers(options: Omit<CoreContext, 'matchRunner' | 'now'> & Partial<CoreContext>): Handlers {
  const context: CoreContext = { matchRunner: inlineRunner(), now: () => new Date(), ...options };
  return {
    ...workspaceHandlers(context),
    ...programsHandlers(context),
    ...participantsHandlers(context),
    ...peopleHandlers(context),
    ...importHandlers(context),
    ...editsHandlers(context),
    ...runsHandlers(context),
    ...pairsHandlers(context),
    ...sessionsHandlers(context),
    ...reportsHandlers(context),
    ...feedbackHandlers(context),
    ...checkinsHandlers(context),
    ...remindersHandlers(context),
    ...goalsHandlers(context),
    ...dueHandlers(context),
    ...mentorsHandlers(context),
    ...matchingHandlers(),
    ...learningHandlers(context),
    ...sampleHandlers(context),
    ...syncHandlers(context),
  };
}
