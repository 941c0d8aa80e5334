import { useState } from 'react';
import { Button } from '@mui/material';
import { CheckinImport } from './CheckinImport';

/** The Pairs page's tracking actions: import a check-in form's answers (and, with them, the reminder emails). */
export function TrackingActions(props: { cohortId: string; cohortName: string; onChanged: () => void }) {
  const [open, setOpen] = useState<'checkins' | null>(null);
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen('checkins')}>Import check-ins</Button>
      {open === 'checkins' && <CheckinImport cohortId={props.cohortId} cohortName={props.cohortName} onClose={() => setOpen(null)} onImported={props.onChanged} />}
    </>
  );
}
