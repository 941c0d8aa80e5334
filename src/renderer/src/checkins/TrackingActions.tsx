import { useState } from 'react';
import { Button, Menu, MenuItem } from '@mui/material';
import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import { CheckinImport } from './CheckinImport';
import { RemindersDialog } from '../reminders/RemindersDialog';

/** The Pairs page's check-in import and reminder emails, behind one button so the toolbar stays on one line. */
export function TrackingActions(props: { cohortId: string; cohortName: string; onChanged: () => void }) {
  const [open, setOpen] = useState<'checkins' | 'reminders' | null>(null);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const choose = (what: 'checkins' | 'reminders') => {
    setAnchor(null);
    setOpen(what);
  };
  return (
    <>
      <Button variant="outlined" endIcon={<ArrowDropDownIcon />} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} aria-haspopup="menu" aria-expanded={anchor !== null} onClick={(e) => setAnchor(e.currentTarget)}>
        Check-ins & emails
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => choose('checkins')}>Import check-ins…</MenuItem>
        <MenuItem onClick={() => choose('reminders')}>Reminder emails…</MenuItem>
      </Menu>
      {open === 'checkins' && <CheckinImport cohortId={props.cohortId} cohortName={props.cohortName} onClose={() => setOpen(null)} onImported={props.onChanged} />}
      {open === 'reminders' && <RemindersDialog cohortId={props.cohortId} cohortName={props.cohortName} onClose={() => setOpen(null)} />}
    </>
  );
}
