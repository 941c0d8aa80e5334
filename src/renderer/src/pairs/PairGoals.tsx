import { Chip, LinearProgress, List, ListItem, Stack, Typography } from '@mui/material';
import { useQuery } from '../api/hooks';
import { GOAL_STATUS_COLOR, GOAL_STATUS_LABEL } from '../goals/format';

/** A pair's goals in its panel: progress, status, stuck; they are added and edited on the Goals page. */
export function PairGoals(props: { pairId: string; summary: { goalsTotal: number; goalsReached: number; goalsStuck: number } }) {
  const goals = useQuery('goals.list', { pairId: props.pairId });
  const { goalsTotal, goalsReached, goalsStuck } = props.summary;
  if (goalsTotal === 0 && (goals.data?.goals.length ?? 0) === 0) return null;
  return (
    <Stack spacing={0.5}>
      <Typography variant="body2" color="text.secondary">
        Goals: {goalsReached} of {goalsTotal} reached{goalsStuck > 0 ? `, ${goalsStuck} stuck` : ''} (edit them on the Goals page)
      </Typography>
      <List dense disablePadding aria-label="Goals of the pair">
        {(goals.data?.goals ?? []).map((g) => (
          <ListItem key={g.id} disableGutters sx={{ gap: 1 }}>
            <Typography variant="body2" sx={{ flex: 1, minWidth: 0 }}>{g.title}</Typography>
            <LinearProgress variant="determinate" value={g.progress} sx={{ width: 80, height: 6, borderRadius: 3 }} aria-label={`Progress of ${g.title}`} />
            <Typography variant="body2" sx={{ width: 36, textAlign: 'right' }}>{g.progress}%</Typography>
            <Chip size="small" variant="outlined" color={GOAL_STATUS_COLOR[g.status]} label={GOAL_STATUS_LABEL[g.status]} />
            {g.stuck && <Chip size="small" color="warning" variant="outlined" label={`Stuck ${g.daysWithoutProgress} d`} />}
          </ListItem>
        ))}
      </List>
    </Stack>
  );
}
