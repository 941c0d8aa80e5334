import { useState } from 'react';
import { Alert, Box, Button, CircularProgress, List, ListItem, ListItemText, Paper, Stack, Typography } from '@mui/material';
import { api, type MethodOutput } from '../api/client';
import type { Member, Run } from './types';

type Slot = MethodOutput<'runs.extraSlot'>;

/** Who was left out and why, and the extra mentor slots that would help most. */
export function Unmatched(props: { run: Run; members: Map<string, Member>; onAddSlot: (mentorId: string) => void }) {
  const { run, members } = props;
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = new Map<string, number>();
  for (const a of run.result.assignments) load.set(a.mentorId, (load.get(a.mentorId) ?? 0) + 1);

  const findSlots = async () => {
    setBusy(true);
    setError(null);
    try {
      // Only full mentors can gain from one more slot; each is a fresh exact solve.
      const full = [...members.values()].filter((m) => m.role === 'mentor' && (load.get(m.id) ?? 0) >= (run.settings.capacityOverrides[m.id] ?? m.capacity) && (load.get(m.id) ?? 0) > 0).slice(0, 40);
      const results = [];
      for (const mentor of full) results.push(await api.call('runs.extraSlot', { runId: run.id, mentorId: mentor.id }));
      setSlots(results.filter((s) => s.matchedDelta > 0 || s.objectiveDelta > 1e-9).sort((a, b) => b.matchedDelta - a.matchedDelta || b.objectiveDelta - a.objectiveDelta).slice(0, 5));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (run.result.unmatched.length === 0) return <Alert severity="success">Every mentee is matched.</Alert>;
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography sx={{ flex: 1 }}>Suggested fixes: which mentor's extra slot would help most?</Typography>
          <Button variant="outlined" onClick={() => void findSlots()} disabled={busy} startIcon={busy ? <CircularProgress size={16} /> : undefined}>Find best extra slots</Button>
        </Stack>
        {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
        {slots && slots.length === 0 && <Typography color="text.secondary" sx={{ mt: 1 }}>No single extra slot would match anyone more: the unmatched mentees need mentors the rules allow.</Typography>}
        {slots && slots.length > 0 && (
          <List dense aria-label="Suggested fixes">
            {slots.map((s) => (
              <ListItem key={s.mentorId} secondaryAction={<Button size="small" onClick={() => props.onAddSlot(s.mentorId)}>Give 1 more slot</Button>}>
                <ListItemText
                  primary={`1 more slot for ${members.get(s.mentorId)?.fullName ?? s.mentorId} matches ${s.matchedDelta} more`}
                  secondary={`total score ${s.objectiveDelta >= 0 ? '+' : ''}${s.objectiveDelta.toFixed(3)} · ${s.changes.length} mentee${s.changes.length === 1 ? '' : 's'} change mentor`}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Paper>
      <Box>
        <List aria-label="Unmatched mentees">
          {run.result.unmatched.map((u) => (
            <ListItem key={u.menteeId} divider>
              <ListItemText primary={members.get(u.menteeId)?.fullName ?? u.menteeId} secondary={u.reason} />
            </ListItem>
          ))}
        </List>
      </Box>
    </Stack>
  );
}
