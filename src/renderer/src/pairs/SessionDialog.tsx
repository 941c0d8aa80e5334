import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { api } from '../api/client';
import { FORMAT_LABEL, STATUS_LABEL, type PairHealth, type Session } from './format';

type Side = 'mentor' | 'mentee';

/** Logs a session that happened or schedules one: the start is typed on one person's clock. */
export function SessionDialog(props: { pair: PairHealth; session: Session | null; onClose: () => void; onSaved: () => void }) {
  const { pair, session } = props;
  const [zoneOf, setZoneOf] = useState<Side>(session?.enteredIn ?? 'mentee');
  const [localStart, setLocalStart] = useState(session ? (session[session.enteredIn].local ?? '') : '');
  const [duration, setDuration] = useState(String(session?.durationMinutes ?? 60));
  const [format, setFormat] = useState<Session['format']>(session?.format ?? 'video');
  const [status, setStatus] = useState<Session['status']>(session?.status ?? 'planned');
  const [notes, setNotes] = useState(session?.notes ?? '');
  const [topics, setTopics] = useState((session?.topics ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const person = (side: Side) => `${pair[side].name} (${side}, ${pair[side].timezone ?? 'no time zone'})`;
  const save = async () => {
    setSaving(true);
    setError(null);
    const fields = {
      localStart,
      zoneOf,
      durationMinutes: Number(duration),
      format,
      status,
      notes,
      topics: topics.split(/[,;\n]/).map((t) => t.trim()).filter((t) => t !== ''),
    };
    try {
      if (session) await api.call('sessions.update', { id: session.id, ...fields });
      else await api.call('sessions.add', { pairId: pair.pairId, ...fields });
      props.onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={props.onClose} aria-labelledby="session-title" fullWidth maxWidth="sm">
      <DialogTitle id="session-title">{session ? 'Edit session' : 'Log or schedule a session'}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField select label="Start is in the time of" value={zoneOf} onChange={(e) => setZoneOf(e.target.value as Side)}>
            <MenuItem value="mentee">{person('mentee')}</MenuItem>
            <MenuItem value="mentor">{person('mentor')}</MenuItem>
          </TextField>
          <TextField
            label="Start (local date and time)"
            type="datetime-local"
            value={localStart}
            onChange={(e) => setLocalStart(e.target.value.slice(0, 16))}
            slotProps={{ inputLabel: { shrink: true } }}
            helperText="As it reads on that person's clock; the other person's time is shown once it is saved."
          />
          <Stack direction="row" spacing={2}>
            <TextField label="Duration (minutes)" type="number" value={duration} onChange={(e) => setDuration(e.target.value)} sx={{ flex: 1 }} />
            <TextField select label="Format" value={format} onChange={(e) => setFormat(e.target.value as Session['format'])} sx={{ flex: 1 }}>
              {Object.entries(FORMAT_LABEL).map(([value, label]) => <MenuItem key={value} value={value}>{label}</MenuItem>)}
            </TextField>
            <TextField select label="Status" value={status} onChange={(e) => setStatus(e.target.value as Session['status'])} sx={{ flex: 1 }}>
              {Object.entries(STATUS_LABEL).map(([value, label]) => <MenuItem key={value} value={value}>{label}</MenuItem>)}
            </TextField>
          </Stack>
          <TextField label="Topics (comma-separated)" value={topics} onChange={(e) => setTopics(e.target.value)} />
          <TextField label="Coordinator notes" value={notes} onChange={(e) => setNotes(e.target.value)} multiline minRows={2} />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving || localStart === ''}>
          Save session
        </Button>
      </DialogActions>
    </Dialog>
  );
}
