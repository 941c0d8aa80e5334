import type { Member } from '../domain/participant';
import { explainForcedPair, type ForcedPairExplanation, type HighsSolver } from '../matching';
import type { MoveCandidate, Run } from './contract';

/** What forcing a pair would cost against the run's optimum, with the run's own settings. */
export function explainPairInRun(run: Run, members: readonly Member[], menteeId: string, mentorId: string, highs?: HighsSolver): ForcedPairExplanation {
  return explainForcedPair(members, run.settings, menteeId, mentorId, { base: run.result, highs });
}

/**
 * Every mentor a mentee could be moved to, rule-keeping moves first, each by the cost of the move against the optimum
 * (re-solved exactly, so other pairs may shift to absorb it) and the hard rules the move would break.
 */
export function moveCandidates(run: Run, members: readonly Member[], menteeId: string, highs?: HighsSolver): MoveCandidate[] {
  const currentMentor = run.result.assignments.find((a) => a.menteeId === menteeId)?.mentorId ?? null;
  const mentors = members.filter((m) => m.role === 'mentor' && m.personId !== members.find((x) => x.id === menteeId)?.personId);
  return mentors
    .map((mentor) => {
      const forced = explainPairInRun(run, members, menteeId, mentor.id, highs);
      return {
        mentorId: mentor.id,
        delta: mentor.id === currentMentor ? 0 : forced.delta,
        brokenRules: forced.brokenRules,
        displaced: forced.displaced.length,
        current: mentor.id === currentMentor,
      };
    })
    // The current mentor, then moves that keep every rule (cheapest first), then the rule-breaking ones.
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        Number(a.brokenRules.length > 0) - Number(b.brokenRules.length > 0) ||
        b.delta - a.delta ||
        a.displaced - b.displaced ||
        a.mentorId.localeCompare(b.mentorId),
    );
}
