import { useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { api } from '../api/client';

const EMPTY = { fullName: '', email: '', role: 'mentee', timezone: '', capacity: '1', department: '', languages: '', topics: '', availability: '' };

const list = (text: string) => text.split(/[;,\n]/).map((s) => s.trim()).filter(Boolean);
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** Adds one person to the cohort by hand, checked exactly as a row of an imported form (messages name the field). */
export function AddPersonDialog(props: { open: boolean; cohortId: string; cohortName: string; onClose: () => void; onAdded: (name: string) => Promise<void> }) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.open) {
      setForm(EMPTY);
      setError(null);
    }
  }, [props.open]);
  const field = (key: keyof typeof EMPTY) => ({ value: form[key], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [key]: e.target.value })) });
  const mentor = form.role === 'mentor';

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const added = await api.call('members.add', {
        cohortId: props.cohortId,
        person: {
          fullName: form.fullName,
          email: form.email,
          role: form.role,
          timezone: optional(form.timezone),
          capacity: mentor ? Number(form.capacity) || 0 : undefined,
          department: optional(form.department),
          languages: list(form.languages),
          ...(mentor ? { expertise: list(form.topics) } : { interests: list(form.topics) }),
          availability: optional(form.availability),
        },
      });
      await props.onAdded(added.fullName);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="add-person-title">
      <DialogTitle id="add-person-title">Add a person to {props.cohortName}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <Stack direction="row" spacing={2}>
            <TextField label="Full name" required fullWidth autoFocus {...field('fullName')} />
            <TextField select label="Role" sx={{ minWidth: 140 }} {...field('role')}>
              <MenuItem value="mentee">Mentee</MenuItem>
              <MenuItem value="mentor">Mentor</MenuItem>
            </TextField>
          </Stack>
          <TextField label="Email" required type="email" {...field('email')} />
          <Stack direction="row" spacing={2}>
            <TextField label="Time zone" placeholder="Europe/Berlin, UTC+5:30, PST…" fullWidth {...field('timezone')} />
            {mentor && <TextField label="Max mentees" type="number" sx={{ width: 140 }} slotProps={{ htmlInput: { min: 0, max: 50 } }} {...field('capacity')} />}
          </Stack>
          <Stack direction="row" spacing={2}>
            <TextField label="Department" fullWidth {...field('department')} />
            <TextField label="Languages" placeholder="English, Spanish" fullWidth {...field('languages')} />
          </Stack>
          <TextField label={mentor ? 'Expertise' : 'Interests'} placeholder="Separate topics with commas" {...field('topics')} />
          <TextField label="Weekly availability (their local time)" placeholder="Tue 08:00-09:30; Thu 18:00-19:00" {...field('availability')} />
          {error && <Alert severity="error" sx={{ whiteSpace: 'pre-line' }}>{error}</Alert>}
          <button type="submit" hidden />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" disabled={busy || form.fullName.trim() === '' || form.email.trim() === ''} onClick={() => void submit()}>Add person</Button>
      </DialogActions>
    </Dialog>
  );
}
