import type { Member } from '../domain/participant';
import { explainForcedPair, type ForcedPairExplanation } from '../matching';
import type { Round } from './rounds';

export interface MoveCandidate {
  mentorId: string;
  /** Change in the run's objective if the mentee is moved to this mentor (≤ 0; 0 = current mentor). */
  delta: number;
  brokenRules: readonly string[];
  /** How many other mentees would change mentor. */
  displaced: number;
  current: boolean;
}

/** What forcing a pair would cost against the round's optimum, with the round's own settings. */
export function explainPairInRound(round: Round, members: readonly Member[], menteeId: string, mentorId: string): ForcedPairExplanation {
  return explainForcedPair(members, round.settings, menteeId, mentorId, { base: round.result });
}

/**
 * Every mentor a mentee could be moved to, best first: the cost of the move against the optimum
 * (re-solved exactly, so other pairs may shift to absorb it) and the hard rules the move would break.
 */
export function moveCandidates(round: Round, members: readonly Member[], menteeId: string): MoveCandidate[] {
  const currentMentor = round.result.assignments.find((a) => a.menteeId === menteeId)?.mentorId ?? null;
  const mentors = members.filter((m) => m.role === 'mentor' && m.personId !== members.find((x) => x.id === menteeId)?.personId);
  return mentors
    .map((mentor) => {
      const forced = explainPairInRound(round, members, menteeId, mentor.id);
      return {
        mentorId: mentor.id,
        delta: mentor.id === currentMentor ? 0 : forced.delta,
        brokenRules: forced.brokenRules,
        displaced: forced.displaced.length,
        current: mentor.id === currentMentor,
      };
    })
    .sort((a, b) => Number(b.current) - Number(a.current) || b.delta - a.delta || a.displaced - b.displaced || a.mentorId.localeCompare(b.mentorId));
}
