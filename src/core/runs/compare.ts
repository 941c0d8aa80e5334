import type { Round } from './rounds';

export interface RoundComparison {
  a: { id: string; name: string; matched: number; totalScore: number; averageScore: number };
  b: { id: string; name: string; matched: number; totalScore: number; averageScore: number };
  /** b − a */
  delta: { matched: number; totalScore: number; averageScore: number };
  same: number;
  /** Mentees whose mentor differs (or who are matched in only one run). */
  differences: { menteeId: string; mentorInA: string | null; mentorInB: string | null; scoreInA: number | null; scoreInB: number | null }[];
}

function side(round: Round) {
  const matched = round.result.assignments.length;
  return {
    id: round.id,
    name: round.name,
    matched,
    totalScore: round.result.totalScore,
    averageScore: matched === 0 ? 0 : round.result.totalScore / matched,
  };
}

/** What changed between two runs of the same cohort: coverage, score, and each mentee whose pair differs. */
export function compareRounds(a: Round, b: Round): RoundComparison {
  const inA = new Map(a.result.assignments.map((x) => [x.menteeId, x]));
  const inB = new Map(b.result.assignments.map((x) => [x.menteeId, x]));
  const mentees = [...new Set([...inA.keys(), ...inB.keys()])].sort();
  const differences: RoundComparison['differences'] = [];
  let same = 0;
  for (const menteeId of mentees) {
    const x = inA.get(menteeId);
    const y = inB.get(menteeId);
    if (x && y && x.mentorId === y.mentorId) {
      same += 1;
      continue;
    }
    differences.push({ menteeId, mentorInA: x?.mentorId ?? null, mentorInB: y?.mentorId ?? null, scoreInA: x?.score ?? null, scoreInB: y?.score ?? null });
  }
  const sa = side(a);
  const sb = side(b);
  return {
    a: sa,
    b: sb,
    delta: { matched: sb.matched - sa.matched, totalScore: sb.totalScore - sa.totalScore, averageScore: sb.averageScore - sa.averageScore },
    same,
    differences,
  };
}
