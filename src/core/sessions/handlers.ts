import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import { parseMailbox } from '../files/eml';
import type { sessionsContract } from './contract';
import { sessionsIcs } from './ics';
import { seriesIcs } from './ics-series';
import { addSession, listSessions, removeSession, updateSession } from './sessions';

export function sessionsHandlers({ store, now }: CoreContext): SliceHandlers<typeof sessionsContract> {
  return {
    'sessions.add': (input) => addSession(store, input, now()),
    'sessions.update': (input) => updateSession(store, input, now()),
    'sessions.remove': (input) => removeSession(store, input.id),
    'sessions.list': (input) => listSessions(store, input),
    'sessions.ics': async (input) => sessionsIcs(store, input, await parseMailbox(input.organizer, 'calendar organiser'), now()),
    'sessions.icsSeries': async (input) => seriesIcs(store, input, await parseMailbox(input.organizer, 'calendar organiser'), now()),
  };
}
