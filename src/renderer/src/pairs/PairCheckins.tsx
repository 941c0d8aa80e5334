import { Alert, Chip, List, ListItem, Stack, Typography } from '@mui/material';
import { useQuery } from '../api/hooks';

/** A pair's imported check-in answers, the latest reported meeting first (read-only: they come from the form). */
export function PairCheckins({ pairId }: { pairId: string }) {
  const checkins = useQuery('checkins.list', { pairId });
  if (checkins.error) return <Alert severity="error">{checkins.error.message}</Alert>;
  const list = checkins.data ?? [];
  return (
    <>
      <Typography variant="subtitle1" component="h3">Check-ins ({list.length})</Typography>
      {list.length === 0 && <Typography color="text.secondary" variant="body2">No check-in answers imported for this pair.</Typography>}
      <List aria-label="Check-ins" disablePadding>
        {list.map((c) => (
          <ListItem key={c.id} divider sx={{ display: 'block', px: 0 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5, flexWrap: 'wrap' }} useFlexGap>
              <Typography variant="body2" sx={{ fontWeight: 500 }}>{c.respondent.name} ({c.respondent.role})</Typography>
              {c.met !== null && <Chip size="small" variant="outlined" color={c.met ? 'success' : 'warning'} label={c.met ? 'Met' : 'Did not meet'} />}
              {c.timesMet !== null && <Chip size="small" variant="outlined" label={`${c.timesMet}×`} />}
              <Typography variant="body2" color="text.secondary">{c.lastMetOn ? `last met ${c.lastMetOn}` : 'no meeting date'}</Typography>
            </Stack>
            {c.goalProgress && <Typography variant="body2">Goals: {c.goalProgress}</Typography>}
            {c.comments !== '' && <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>{c.comments}</Typography>}
            <Typography variant="caption" color="text.secondary">{c.fileName}, line {c.fileLine}</Typography>
          </ListItem>
        ))}
      </List>
    </>
  );
}
