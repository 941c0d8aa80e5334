import type { Run, RunComparison } from './contract';

function side(run: Run) {
  const matched = run.result.assignments.length;
  return {
    id: run.id,
    name: run.name,
    matched,
    totalScore: run.result.totalScore,
    averageScore: matched === 0 ? 0 : run.result.totalScore / matched,
  };
}

/** What changed between two runs of the same cohort: coverage, score, and each mentee whose pair differs. */
export function compareRuns(a: Run, b: Run): RunComparison {
  const inA = new Map(a.result.assignments.map((x) => [x.menteeId, x]));
  const inB = new Map(b.result.assignments.map((x) => [x.menteeId, x]));
  const mentees = [...new Set([...inA.keys(), ...inB.keys()])].sort();
  const differences: RunComparison['differences'] = [];
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
