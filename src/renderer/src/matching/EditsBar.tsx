import { useState } from 'react';
import { Button, Chip, Divider, IconButton, ListItemText, Menu, MenuItem, Stack, Tooltip, Typography } from '@mui/material';
import UndoIcon from '@mui/icons-material/UndoRounded';
import RedoIcon from '@mui/icons-material/RedoRounded';
import LockIcon from '@mui/icons-material/LockOutlined';
import BlockIcon from '@mui/icons-material/BlockOutlined';
import MoveIcon from '@mui/icons-material/SwapHorizRounded';
import CloseIcon from '@mui/icons-material/CloseRounded';
import type { Adjustments, Member, Run } from './types';
import type { EditTarget } from '../../../core/edits/contract';

/** A lock that pairs a mentee with someone other than their mentor in the run shown is a move. */
export function pendingMoves(adj: Adjustments, run: Run | undefined): Set<string> {
  const current = new Map((run?.result.assignments ?? []).map((a) => [a.menteeId, a.mentorId]));
  return new Set(adj.locks.filter((l) => current.has(l.menteeId) && current.get(l.menteeId) !== l.mentorId).map((l) => l.menteeId));
}

/**
 * The coordinator's pending edits for the next run: counted by kind, listed one by one (each can be taken
 * back by itself), with undo and redo of whole edits.
 */
export function EditsBar(props: {
  adjustments: Adjustments;
  run: Run | undefined;
  members: Map<string, Member>;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onClear: () => void;
  onRemove: (target: EditTarget) => void;
}) {
  const { adjustments: adj, members } = props;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const moves = pendingMoves(adj, props.run);
  const locks = adj.locks.filter((l) => !moves.has(l.menteeId));
  const moved = adj.locks.filter((l) => moves.has(l.menteeId));
  const capacity = Object.entries(adj.capacity);
  const count = adj.locks.length + adj.forbids.length + capacity.length;
  const name = (id: string) => members.get(id)?.fullName ?? 'someone no longer in the cohort';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

  const item = (key: string, icon: React.ReactNode, primary: string, secondary: string, target: EditTarget) => (
    <MenuItem
      key={key}
      aria-label={`Take back: ${primary}`}
      onClick={() => {
        setAnchor(null);
        props.onRemove(target);
      }}
    >
      {icon}
      <ListItemText sx={{ ml: 1.5 }} primary={primary} secondary={secondary} />
      <CloseIcon fontSize="small" sx={{ ml: 2, color: 'text.secondary' }} />
    </MenuItem>
  );

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap aria-label="Your edits" role="group">
      <Typography variant="body2" color="text.secondary">Your edits:</Typography>
      {count === 0 && <Typography variant="body2" color="text.secondary">none (lock, forbid or move pairs from a run)</Typography>}
      {locks.length > 0 && <Chip size="small" icon={<LockIcon />} label={`${locks.length} locked`} />}
      {moved.length > 0 && <Chip size="small" icon={<MoveIcon />} color="info" variant="outlined" label={`${moved.length} moved`} />}
      {adj.forbids.length > 0 && <Chip size="small" icon={<BlockIcon />} color="warning" variant="outlined" label={`${adj.forbids.length} forbidden`} />}
      {capacity.length > 0 && <Chip size="small" variant="outlined" label={plural(capacity.length, 'capacity change')} />}
      {count > 0 && (
        <Button size="small" onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu">
          Review…
        </Button>
      )}
      <Tooltip title="Undo edit (Ctrl+Z)"><span><IconButton size="small" aria-label="Undo edit" disabled={!props.canUndo} onClick={props.onUndo}><UndoIcon /></IconButton></span></Tooltip>
      <Tooltip title="Redo edit (Ctrl+Shift+Z)"><span><IconButton size="small" aria-label="Redo edit" disabled={!props.canRedo} onClick={props.onRedo}><RedoIcon /></IconButton></span></Tooltip>
      {count > 0 && <Button size="small" onClick={props.onClear}>Clear all</Button>}

      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ list: { 'aria-label': 'Pending edits' } }}>
        <Typography variant="caption" color="text.secondary" sx={{ px: 2, display: 'block' }}>
          They apply to the next run. Choose one to take it back.
        </Typography>
        <Divider sx={{ my: 0.5 }} />
        {locks.map((l) => item(`l-${l.menteeId}`, <LockIcon fontSize="small" />, `${name(l.menteeId)} with ${name(l.mentorId)}`, 'locked', { kind: 'lock', menteeId: l.menteeId }))}
        {moved.map((l) => item(`m-${l.menteeId}`, <MoveIcon fontSize="small" />, `${name(l.menteeId)} to ${name(l.mentorId)}`, 'moved', { kind: 'lock', menteeId: l.menteeId }))}
        {adj.forbids.map((f) => item(`f-${f.menteeId}-${f.mentorId}`, <BlockIcon fontSize="small" />, `${name(f.menteeId)} with ${name(f.mentorId)}`, 'forbidden', { kind: 'forbid', menteeId: f.menteeId, mentorId: f.mentorId }))}
        {capacity.map(([mentorId, n]) => item(`c-${mentorId}`, <span aria-hidden>#</span>, `${name(mentorId)} takes ${n}`, 'capacity', { kind: 'capacity', mentorId }))}
      </Menu>
    </Stack>
  );
}
