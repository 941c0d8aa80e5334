import { useState } from 'react';
import { Button, Stack, TextField } from '@mui/material';
import { api } from '../api/client';
import { useNotify } from './Notifier';

type DaysSetting = 'goalStuckDays' | 'firstSessionDays';

/** A program setting counted in days (goals stuck after, first session due after), set from the page it shapes. */
export function ProgramDaysSetting(props: { programId: string; setting: DaysSetting; label: string; value: number; onSaved: () => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const notify = useNotify();
  const save = async () => {
    if (draft === null) return;
    try {
      await api.call('programs.update', { id: props.programId, settings: { [props.setting]: Number(draft) } });
      setDraft(null);
      notify({ severity: 'success', message: `${props.label}: ${draft} days for the program` });
      props.onSaved();
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField size="small" type="number" label={props.label} value={draft ?? String(props.value)} onChange={(e) => setDraft(e.target.value)} sx={{ width: 200 }} />
      {draft !== null && <Button onClick={() => void save()}>Set for the program</Button>}
    </Stack>
  );
}
