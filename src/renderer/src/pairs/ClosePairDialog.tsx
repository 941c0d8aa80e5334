import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Radio, RadioGroup, Stack, TextField } from '@mui/material';
import { api } from '../api/client';
import type { PairHealth } from './format';

/** Asks how a pair ended (completed, or ended early with a reason) before closing it (pairs.close). */
export function ClosePairDialog(props: { pair: PairHealth; onClose: () => void; onClosed: (outcome: 'completed' | 'ended-early') => void }) {
  const [outcome, setOutcome] = useState<'completed' | 'ended-early'>('completed');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const close = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.call('pairs.close', { pairId: props.pair.pairId, outcome, reason });
      props.onClosed(outcome);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="close-pair-title" fullWidth maxWidth="sm">
      <DialogTitle id="close-pair-title">End the pair of {props.pair.mentee.name} and {props.pair.mentor.name}?</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            The pair leaves the active pairs: no more sessions or goals can be added. Its sessions and goals stay in the record and count in the cohort's summary.
          </DialogContentText>
          <RadioGroup aria-label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as 'completed' | 'ended-early')}>
            <FormControlLabel value="completed" control={<Radio />} label="Completed" />
            <FormControlLabel value="ended-early" control={<Radio />} label="Ended early" />
          </RadioGroup>
          <TextField
            label={outcome === 'ended-early' ? 'Reason (required)' : 'Note (optional)'}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            multiline
            minRows={2}
          />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" color="warning" onClick={() => void close()} disabled={saving || (outcome === 'ended-early' && reason.trim() === '')}>
          End pair
        </Button>
      </DialogActions>
    </Dialog>
  );
}
