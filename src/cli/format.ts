import type { Run } from '../core/runs/contract';

/** `match --json`: people by email (what a script joins on), each pair with its score breakdown. */
export function formatMatchJson(run: Run, email: ReadonlyMap<string, string>) {
  const { result } = run;
  return {
    status: result.status,
    objective: result.objective,
    totalScore: result.totalScore,
    matched: result.matched,
    runId: run.id,
    assignments: result.assignments.map((a) => ({
      mentee: email.get(a.menteeId),
      mentor: email.get(a.mentorId),
      score: a.score,
      locked: a.locked,
      breakdown: Object.fromEntries(Object.entries(a.breakdown).map(([k, v]) => [k, v.contribution])),
      tzDiffHours: a.tzDiffHours,
      overlapHours: a.overlapHours,
      sharedTopics: a.sharedTopics,
    })),
    unmatched: result.unmatched.map((u) => ({ email: email.get(u.menteeId), reason: u.reason })),
    warnings: result.warnings,
    certificate: result.certificate,
  };
}

/** The run as lines: the summary, each pair, each unmatched mentee with the reason, where it was saved. */
export function formatMatchText(run: Run, cohortName: string, email: ReadonlyMap<string, string>): string[] {
  const { result } = run;
  return [
    `${run.name} of ${cohortName}: ${result.matched} matched, ${result.unmatched.length} unmatched, total score ${result.totalScore.toFixed(3)} — ${result.status === 'optimal' ? 'proved optimal' : result.status}.`,
    ...result.warnings.map((w) => `  warning: ${w}`),
    ...result.assignments.map((a) => `  ${email.get(a.menteeId)} → ${email.get(a.mentorId)}  ${a.score.toFixed(3)}${a.locked ? ' (locked)' : ''}`),
    ...result.unmatched.map((u) => `  unmatched ${email.get(u.menteeId)}: ${u.reason}`),
    `Saved as draft run ${run.id}.`,
  ];
}
