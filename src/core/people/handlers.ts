import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { peopleContract } from './contract';
import { erasedIds, erasePerson, erasurePlan, findPerson } from './erase';

export function peopleHandlers({ store }: CoreContext): SliceHandlers<typeof peopleContract> {
  return {
    'people.find': (input) => findPerson(store, input.program, input.email),
    'people.erasePlan': (input) => erasurePlan(store, input.personId),
    'people.erase': (input) => erasePerson(store, input.personId),
    'people.erasedIds': (input) => erasedIds(store, input.ids),
  };
}
