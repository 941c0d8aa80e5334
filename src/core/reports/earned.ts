import type { Store } from '../db/store';
import { badgesOf } from './badges';
import { heldTimesByMember, type CohortData } from './cohort-data';
import type { Badge } from './contract';
import { goalReachers, topRatedMentors } from './facts';

/** The cohort's badges as of a moment: held sessions, reached goals and the feedback work's mentor averages. */
export function cohortBadges(store: Store, data: CohortData, asOf: Date, heldTimes = heldTimesByMember(store, data.cohort.id, asOf)): Badge[] {
  return badgesOf(data, heldTimes, { goalReached: goalReachers(store, data.cohort.id, asOf), topRated: topRatedMentors(store, data.cohort.id) });
}
