import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** Asks before something that cannot be taken back with one click; the confirm button names the action. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: 'error' | 'success' | 'primary' | 'warning';
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog open={props.open} onClose={props.onCancel} aria-labelledby="confirm-title">
      <DialogTitle id="confirm-title">{props.title}</DialogTitle>
      <DialogContent>
        <Typography component="div">{props.children}</Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button variant="contained" color={props.color ?? 'primary'} onClick={props.onConfirm} autoFocus>
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
