import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Divider, Drawer, IconButton, LinearProgress, List, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import LockIcon from '@mui/icons-material/LockOutlined';
import BlockIcon from '@mui/icons-material/BlockOutlined';
import AddIcon from '@mui/icons-material/Add';
import RemoveIcon from '@mui/icons-material/Remove';
import { api, type MethodOutput } from '../api/client';
import { CRITERIA_TEXT } from '../../../core/matching/criteria-text';
import type { Assignment, Member, PairRef, Run } from './types';

type Candidate = MethodOutput<'runs.moveCandidates'>[number];

const fmt = (n: number) => (n >= 0 ? '+' : '−') + Math.abs(n).toFixed(3);

/** One pair: why it was made (score breakdown), and the coordinator's levers on it. */
export function PairDrawer(props: {
  run: Run;
  assignment: Assignment | null;
  members: Map<string, Member>;
  locked: boolean;
  onClose: () => void;
  onLock: (pair: PairRef) => void;
  onForbid: (pair: PairRef) => void;
  onMove: (pair: PairRef, cost: number) => void;
  /** The mentor's capacity for the next run (their own or the coordinator's override). */
  capacity: number;
  onCapacity: (mentorId: string, capacity: number) => void;
  /** The published pair with this mentee and mentor, if the pair is active. */
  activePairId: string | null;
  onDissolve: (pairId: string) => void;
}) {
  const { assignment, members, run } = props;
  const [moving, setMoving] = useState(false);
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [confirm, setConfirm] = useState<Candidate | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setMoving(false);
    setCandidates(null);
    setError(null);
  }, [assignment]);

  if (!assignment) return <Drawer anchor="right" open={false} />;
  const mentee = members.get(assignment.menteeId);
  const mentor = members.get(assignment.mentorId);
  const pair = { menteeId: assignment.menteeId, mentorId: assignment.mentorId };

  const loadCandidates = async () => {
    setMoving(true);
    setError(null);
    try {
      setCandidates(await api.call('runs.moveCandidates', { runId: run.id, menteeId: assignment.menteeId }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const choose = (c: Candidate) => {
    if (c.brokenRules.length > 0) setConfirm(c);
    else props.onMove({ menteeId: assignment.menteeId, mentorId: c.mentorId }, c.delta);
  };

  return (
    <Drawer anchor="right" open onClose={props.onClose} sx={{ zIndex: (t) => t.zIndex.modal }} slotProps={{ paper: { sx: { width: 460 } } }}>
      <Box role="dialog" aria-label="Pair details" sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1 }}>
            <Typography variant="overline" color="text.secondary">Pair</Typography>
            <Typography variant="h6">{mentee?.fullName ?? 'Mentee'} → {mentor?.fullName ?? 'Mentor'}</Typography>
            <Typography variant="body2" color="text.secondary">
              {mentee?.timezone ?? 'no time zone'} · {mentor?.timezone ?? 'no time zone'}
              {assignment.tzDiffHours !== null && ` · ${assignment.tzDiffHours} h apart`}
              {assignment.overlapHours !== null && ` · ${assignment.overlapHours.toFixed(1)} h/week overlap`}
            </Typography>
          </Box>
          <IconButton aria-label="Close" onClick={props.onClose}><CloseIcon /></IconButton>
        </Stack>
        <Stack direction="row" spacing={1}>
          <Chip label={`Score ${assignment.score.toFixed(3)}`} color="primary" />
          {props.locked && <Chip icon={<LockIcon />} label="Locked" />}
          {assignment.lockViolations.length > 0 && <Chip color="warning" label={`Breaks: ${assignment.lockViolations.join(', ')}`} />}
        </Stack>

        <Box aria-label="Score breakdown" role="group">
          <Typography variant="subtitle2" sx={{ mb: 1 }}>Why this pair</Typography>
          {Object.entries(assignment.breakdown).map(([key, c]) => (
            <Box key={key} sx={{ mb: 1 }} data-criterion={key}>
              <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
                <Typography variant="body2">{CRITERIA_TEXT[key as keyof typeof CRITERIA_TEXT]?.label ?? key}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {c.weight === 0 ? 'off' : `${(c.value * 100).toFixed(0)}% × weight ${(c.weight * 100).toFixed(0)}% = ${c.contribution.toFixed(3)}`}
                </Typography>
              </Stack>
              <LinearProgress variant="determinate" value={Math.min(100, c.value * 100)} sx={{ height: 6, borderRadius: 3, opacity: c.weight === 0 ? 0.3 : 1 }} aria-label={`${key} ${Math.round(c.value * 100)}%`} />
            </Box>
          ))}
          {assignment.loadBonus !== 0 && <Typography variant="caption" color="text.secondary">Spread-load bonus for this mentor slot: {assignment.loadBonus.toFixed(3)}</Typography>}
          {assignment.sharedTopics.length > 0 && (
            <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', mt: 1 }} useFlexGap>
              {assignment.sharedTopics.map((t) => <Chip key={t} size="small" variant="outlined" label={t} />)}
            </Stack>
          )}
        </Box>
        <Divider />
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} useFlexGap>
          <Button variant="outlined" startIcon={<LockIcon />} disabled={props.locked} onClick={() => props.onLock(pair)}>Lock pair</Button>
          <Button variant="outlined" color="warning" startIcon={<BlockIcon />} onClick={() => props.onForbid(pair)}>Forbid pair</Button>
          <Button variant="outlined" onClick={() => void loadCandidates()}>Move mentee…</Button>
        </Stack>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" sx={{ flex: 1 }}>{mentor?.fullName}'s capacity for the next run</Typography>
          <IconButton size="small" aria-label="Decrease mentor capacity" disabled={props.capacity <= 0} onClick={() => props.onCapacity(assignment.mentorId, props.capacity - 1)}><RemoveIcon /></IconButton>
          <Typography aria-label="Mentor capacity" sx={{ minWidth: 24, textAlign: 'center', fontWeight: 600 }}>{props.capacity}</Typography>
          <IconButton size="small" aria-label="Increase mentor capacity" onClick={() => props.onCapacity(assignment.mentorId, props.capacity + 1)}><AddIcon /></IconButton>
        </Stack>
        {props.activePairId && (
          <Box>
            <Button color="error" variant="text" onClick={() => props.onDissolve(props.activePairId!)}>Dissolve published pair</Button>
            <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>Both become free for "Re-match unmatched"; every other published pair stays.</Typography>
          </Box>
        )}
        {error && <Alert severity="error">{error}</Alert>}
        {moving && (
          <Box>
            <Typography variant="subtitle2">Move {mentee?.fullName} to…</Typography>
            <Typography variant="caption" color="text.secondary">Cost against the optimum, re-solved exactly (other pairs may shift).</Typography>
            {!candidates ? (
              <Box sx={{ p: 2, textAlign: 'center' }}><CircularProgress size={24} aria-label="Ranking mentors" /></Box>
            ) : (
              <List dense aria-label="Move candidates" sx={{ maxHeight: 320, overflow: 'auto' }}>
                {candidates.map((c) => (
                  <ListItemButton key={c.mentorId} disabled={c.current} onClick={() => choose(c)}>
                    <ListItemText
                      primary={`${members.get(c.mentorId)?.fullName ?? c.mentorId}${c.current ? ' (current)' : ''}`}
                      secondary={c.current ? 'current mentor' : `${fmt(c.delta)} total score · ${c.displaced} other mentee${c.displaced === 1 ? '' : 's'} move${c.brokenRules.length ? ` · breaks ${c.brokenRules.join(', ')}` : ''}`}
                    />
                    {c.brokenRules.length > 0 && <Chip size="small" color="warning" label="breaks a rule" />}
                  </ListItemButton>
                ))}
              </List>
            )}
          </Box>
        )}
      </Box>
      <Dialog open={confirm !== null} onClose={() => setConfirm(null)}>
        <DialogTitle>Break a rule for this move?</DialogTitle>
        <DialogContent>
          <Typography>
            Moving {mentee?.fullName} to {confirm && members.get(confirm.mentorId)?.fullName} breaks: {confirm?.brokenRules.join(', ')}. The pair will be locked anyway and flagged in the results.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)}>Cancel</Button>
          <Button variant="contained" color="warning" onClick={() => { if (confirm) props.onMove({ menteeId: assignment.menteeId, mentorId: confirm.mentorId }, confirm.delta); setConfirm(null); }}>Move anyway</Button>
        </DialogActions>
      </Dialog>
    </Drawer>
  );
}
