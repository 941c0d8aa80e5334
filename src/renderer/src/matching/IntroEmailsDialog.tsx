import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, Paper, Stack, TextField, Typography } from '@mui/material';
import PrevIcon from '@mui/icons-material/ChevronLeftRounded';
import NextIcon from '@mui/icons-material/ChevronRightRounded';
import { useQuery } from '../api/hooks';

/**
 * Introduction emails before they are saved: a required From (never an invented address), an optional note,
 * and every pair's email to page through, exactly as the .eml files will hold them.
 */
export function IntroEmailsDialog(props: { runId: string | null; open: boolean; onClose: () => void; onSave: (options: { from: string; note?: string }) => void }) {
  const [from, setFrom] = useState('');
  const [note, setNote] = useState('');
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (props.open) setIndex(0);
  }, [props.open]);
  const preview = useQuery('runs.introPreview', props.open && props.runId ? { runId: props.runId, from: from || undefined, note: note || undefined, index } : null);
  const data = preview.data;
  const email = data?.email ?? null;
  const shown = data?.index ?? 0;
  const fromProblem = data?.fromProblem ?? (from.trim() === '' ? 'Enter a From address' : null);

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="intro-emails-title">
      <DialogTitle id="intro-emails-title">Introduction emails</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
        <Typography variant="body2" color="text.secondary">
          One ready-to-send .eml per pair, addressed to mentor and mentee, saying why they were paired. Open them in your mail program to review and send.
        </Typography>
        <TextField
          size="small" label="From" required placeholder="Mentoring team <mentoring@yourorg.org>" value={from} onChange={(e) => setFrom(e.target.value)}
          error={from.trim() !== '' && fromProblem !== null} helperText={fromProblem ?? 'The address people will reply to'}
        />
        <TextField size="small" label="Personal note (optional)" multiline minRows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        {data && email && (
          <Paper variant="outlined" sx={{ p: 2, maxHeight: 280, overflow: 'auto' }} aria-label="Email preview">
            <Stack direction="row" sx={{ alignItems: 'center' }}>
              <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }} aria-live="polite">
                Preview ({shown + 1} of {data.count}) · nothing is sent
              </Typography>
              <IconButton size="small" aria-label="Previous introduction" disabled={shown <= 0} onClick={() => setIndex(shown - 1)}><PrevIcon /></IconButton>
              <IconButton size="small" aria-label="Next introduction" disabled={shown >= data.count - 1} onClick={() => setIndex(shown + 1)}><NextIcon /></IconButton>
            </Stack>
            <Typography variant="body2"><strong>From:</strong> {email.from || '—'}</Typography>
            <Typography variant="body2"><strong>To:</strong> {email.to.join(', ')}</Typography>
            <Typography variant="body2"><strong>Subject:</strong> {email.subject}</Typography>
            <Typography variant="body2" component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', mt: 1 }}>{email.text}</Typography>
          </Paper>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" disabled={fromProblem !== null} onClick={() => props.onSave({ from, note: note || undefined })}>Save .eml files (zip)</Button>
      </DialogActions>
    </Dialog>
  );
}
