import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { sessionsContract } from './contract';
import { addSession, listSessions, removeSession, updateSession } from './sessions';

export function sessionsHandlers({ store }: CoreContext): SliceHandlers<typeof sessionsContract> {
  return {
    'sessions.add': (input) => addSession(store, input),
    'sessions.update': (input) => updateSession(store, input),
    'sessions.remove': (input) => removeSession(store, input.id),
    'sessions.list': (input) => listSessions(store, input),
  };
}
