import { Paper, Stack, Typography } from '@mui/material';
import { signed } from './format';
import type { Run } from './types';

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, flex: '1 1 0', minWidth: 110 }}>
      <Typography variant="caption" color="text.secondary">{label}</Typography>
      <Typography variant="h6" sx={{ lineHeight: 1.3 }}>{value}</Typography>
      {hint && <Typography variant="caption" color="text.secondary" sx={{ display: 'block', lineHeight: 1.3 }}>{hint}</Typography>}
    </Paper>
  );
}

/** Which score the run used, as the run recorded it (a learned model keeps its version). */
function scoreSource(score: Run['settings']['score']): string {
  if (score.source === 'weights' || !score.model) return 'hand-set weights';
  return score.source === 'learned' ? `learned score v${score.model.version}` : `${Math.round(score.blend * 100)}% learned score v${score.model.version}`;
}

/**
 * A run's figures. Every comparison is the run's total score minus the other one, shown with its sign,
 * so "what greedy would give" and "what the edits cost" read the same way.
 */
export function RunStats({ run }: { run: Run }) {
  const { result, insights } = run;
  const average = result.matched ? result.totalScore / result.matched : 0;
  const edits = insights.unconstrained ? result.objective - insights.unconstrained.objective : null;
  return (
    <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap' }} useFlexGap aria-label="Result summary">
      <Stat label="Matched" value={`${result.matched} of ${result.matched + result.unmatched.length}`} hint={`${result.unmatched.length} unmatched`} />
      <Stat label="Total score" value={result.totalScore.toFixed(2)} hint={`average ${average.toFixed(3)}, ${scoreSource(run.settings.score)}`} />
      {insights.greedy && (
        <Stat label="Gain over greedy" value={signed(result.objective - insights.greedy.objective, 2)} hint={`greedy: ${insights.greedy.matched} matched, ${insights.greedy.totalScore.toFixed(2)}`} />
      )}
      {edits !== null && insights.unconstrained && (
        <Stat
          label="Effect of your edits"
          value={signed(edits)}
          hint={
            edits > 0
              ? `above the optimum without them: a lock breaks a rule (${insights.unconstrained.matched} matched without edits)`
              : `vs the optimum without them (${insights.unconstrained.matched} matched)`
          }
        />
      )}
      <Stat label="Solved in" value={`${Math.round(result.stats.scoringMs + result.stats.solveMs)} ms`} hint={`${result.stats.allowedPairs.toLocaleString()} pairs allowed`} />
    </Stack>
  );
}
