import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { api } from '../api/client';
import { downloadFile } from '../components/download';
import { useNotify } from '../components/Notifier';

const ORGANIZER_KEY = 'pairwise.calendarOrganizer';

/** Saves a calendar file (.ics): one session's invitation, or every planned session of the cohort. The coordinator organises. */
export function CalendarDialog(props: { target: { sessionId: string } | { cohortId: string }; what: string; onClose: () => void }) {
  const [organizer, setOrganizer] = useState(() => localStorage.getItem(ORGANIZER_KEY) ?? '');
  const [error, setError] = useState<string | null>(null);
  const notify = useNotify();
  const save = async () => {
    setError(null);
    try {
      const file = await api.call('sessions.ics', { ...props.target, organizer });
      localStorage.setItem(ORGANIZER_KEY, organizer);
      downloadFile(file);
      notify({ severity: 'success', message: `Saved ${file.fileName} (${file.events} session${file.events === 1 ? '' : 's'})` });
      props.onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="calendar-title" fullWidth maxWidth="sm">
      <DialogTitle id="calendar-title">Calendar file</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {props.what} as an .ics file: both people are invited, you are the organiser, and the start is exact in every calendar. Your notes are not included.
        </DialogContentText>
        <TextField fullWidth label="Organiser (you)" placeholder="Mentoring team <team@yourorg.org>" value={organizer} onChange={(e) => setOrganizer(e.target.value)} />
        {error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()}>Save .ics</Button>
      </DialogActions>
    </Dialog>
  );
}
