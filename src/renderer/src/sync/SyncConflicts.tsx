import { Alert, Box, Button, Chip, FormControlLabel, List, ListItem, Stack, Switch, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/hooks';

/** What merges decided for the coordinators: each names the cohort, the person and the pairs it ended. */
export function SyncConflicts({ version, onChange }: { version: number; onChange: () => Promise<void> }) {
  const [all, setAll] = useState(false);
  const conflicts = useQuery('sync.conflicts', { includeReviewed: all });
  const [error, setError] = useState<string | null>(null);
  const { reload } = conflicts;
  useEffect(() => {
    if (version > 0) void reload();
  }, [version, reload]);
  const review = async (id: string) => {
    setError(null);
    try {
      await api.call('sync.review', { id });
      await onChange();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const list = conflicts.data ?? [];
  return (
    <Box component="section" aria-labelledby="conflicts-heading" sx={{ mt: 3 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography id="conflicts-heading" variant="subtitle2" component="h3" sx={{ fontWeight: 600 }}>
          Conflicts
        </Typography>
        <FormControlLabel control={<Switch size="small" checked={all} onChange={(e) => setAll(e.target.checked)} />} label="Show reviewed" />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        When coordinators publish different pairs for one cohort, or fill a mentor past capacity, sync keeps the latest publication and ends the other pairs.
        Each decision is listed here for you to check; nothing is dropped silently.
      </Typography>
      {conflicts.error && <Alert severity="error">{conflicts.error.message}</Alert>}
      {error && <Alert severity="error">{error}</Alert>}
      {conflicts.data && list.length === 0 && (
        <Typography sx={{ mt: 1 }} data-testid="no-conflicts">
          No conflicts to review.
        </Typography>
      )}
      <List aria-label="Sync conflicts" dense>
        {list.map((c) => (
          <ListItem key={c.id} divider alignItems="flex-start" sx={{ px: 0 }}>
            <Stack spacing={0.5} sx={{ flex: 1 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Chip size="small" color={c.kind === 'capacity' ? 'warning' : 'info'} label={c.kind === 'capacity' ? 'Mentor past capacity' : 'Two publications'} />
                <Typography sx={{ fontWeight: 600 }}>{c.subject.name}</Typography>
                {c.reviewedAt && <Chip size="small" variant="outlined" label="Reviewed" />}
              </Stack>
              <Typography variant="body2" color="text.secondary">
                {c.cohortName} · found {new Date(c.detectedAt).toLocaleString()}
              </Typography>
              <Typography variant="body2">{c.detail}</Typography>
              {c.endedPairs.length > 0 && (
                <Typography variant="body2" color="text.secondary">
                  Ended: {c.endedPairs.map((p) => `${p.mentee} with ${p.mentor}`).join('; ')}
                </Typography>
              )}
            </Stack>
            {!c.reviewedAt && (
              <Button size="small" onClick={() => void review(c.id)} sx={{ ml: 1, flexShrink: 0 }}>
                Mark reviewed
              </Button>
            )}
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
