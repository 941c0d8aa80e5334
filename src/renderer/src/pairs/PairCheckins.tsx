import { useState } from 'react';
import { Alert, Button, Chip, List, ListItem, Stack, Typography } from '@mui/material';
import { api, type MethodOutput } from '../api/client';
import { useQuery } from '../api/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';

type Checkin = MethodOutput<'checkins.list'>[number];

/**
 * A pair's imported check-in answers, the latest reported meeting first. They come from the form, so they
 * are not edited here; one imported by mistake can be removed (after a confirmation) and imported again.
 */
export function PairCheckins({ pairId, onChanged }: { pairId: string; onChanged: () => void }) {
  const checkins = useQuery('checkins.list', { pairId });
  const [removing, setRemoving] = useState<Checkin | null>(null);
  const notify = useNotify();
  const remove = async (checkin: Checkin) => {
    setRemoving(null);
    try {
      await api.call('checkins.remove', { id: checkin.id });
      notify({ severity: 'success', message: 'Check-in removed' });
      await checkins.reload();
      onChanged();
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };
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
              <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>{c.lastMetOn ? `last met ${c.lastMetOn}` : 'no meeting date'}</Typography>
              <Button size="small" color="error" onClick={() => setRemoving(c)} aria-label={`Remove the check-in of ${c.respondent.name}, line ${c.fileLine}`}>Remove</Button>
            </Stack>
            {c.goalProgress && <Typography variant="body2">Goals: {c.goalProgress}</Typography>}
            {c.comments !== '' && <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>{c.comments}</Typography>}
            <Typography variant="caption" color="text.secondary">{c.fileName}, line {c.fileLine}</Typography>
          </ListItem>
        ))}
      </List>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this check-in?"
        confirmLabel="Remove check-in"
        color="error"
        onCancel={() => setRemoving(null)}
        onConfirm={() => void remove(removing!)}
      >
        {removing && `${removing.respondent.name}'s answer from ${removing.fileName} (line ${removing.fileLine}) is removed from the pair's record${removing.lastMetOn ? '; its meeting date no longer counts as last contact' : ''}.`}
      </ConfirmDialog>
    </>
  );
}
