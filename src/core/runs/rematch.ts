import type { Store } from '../db/store';
import { plannedSettings } from '../edits/edits';
import { UserError } from '../errors';
import type { MatchSettings } from '../matching';
import { activePairs, dissolvedPairs } from '../pairs/publish';

const pairRef = (p: { menteeId: string; mentorId: string }) => ({ menteeId: p.menteeId, mentorId: p.mentorId });

/**
 * The settings of a mid-cycle re-match: the cohort's settings and edits, plus every published pair kept
 * (locked, unless the coordinator locked that mentee elsewhere), every dissolved pair forbidden, and the
 * people waiting first: most matched, then best score.
 */
export function rematchSettings(store: Store, cohortId: string): MatchSettings {
  const planned = plannedSettings(store, cohortId);
  const published = activePairs(store, cohortId).map(pairRef);
  if (published.length === 0) throw new UserError('Nothing is published for this cohort yet: publish a run first, then re-match the people left');
  const lockedMentees = new Set(planned.lockedPairs.map((l) => l.menteeId));
  return {
    ...planned,
    mode: 'max-matched-then-score',
    lockedPairs: [...planned.lockedPairs, ...published.filter((p) => !lockedMentees.has(p.menteeId))],
    forbiddenPairs: [...planned.forbiddenPairs, ...dissolvedPairs(store, cohortId).map(pairRef)],
  };
}

