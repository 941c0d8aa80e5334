import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';

/** Asks for a name (and optionally a start date); errors from the server are shown under the field. */
export function NameDialog(props: {
  open: boolean;
  title: string;
  label: string;
  initialName?: string;
  withStartDate?: boolean;
  initialStartDate?: string | null;
  submitLabel: string;
  onClose: () => void;
  onSubmit: (value: { name: string; startDate: string | null }) => Promise<void>;
}) {
  const [name, setName] = useState(props.initialName ?? '');
  const [startDate, setStartDate] = useState(props.initialStartDate ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.open) {
      setName(props.initialName ?? '');
      setStartDate(props.initialStartDate ?? '');
      setError(null);
    }
  }, [props.open, props.initialName, props.initialStartDate]);

  const submit = async () => {
    if (name.trim() === '') return setError('Name is required');
    setBusy(true);
    try {
      await props.onSubmit({ name: name.trim(), startDate: startDate || null });
      props.onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="xs">
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
          <TextField autoFocus label={props.label} value={name} onChange={(e) => setName(e.target.value)} error={error !== null} helperText={error ?? ' '} fullWidth />
          {props.withStartDate && (
            <TextField label="Start date" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} helperText="Time-zone offsets are taken at this date (daylight saving)" />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>{props.submitLabel}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
