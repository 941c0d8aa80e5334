import { useState } from 'react';
import {
  Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, MenuItem, Slider, Stack, Switch, FormControlLabel, TextField, Tooltip, Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import AddIcon from '@mui/icons-material/AddOutlined';
import { api } from '../api/client';
import { GOAL_STATUS_LABEL, type Goal, type GoalStatus } from './format';

interface Draft {
  id?: string;
  title: string;
  targetDate: string;
  done: boolean;
}

/**
 * Adds a goal to a pair, or edits one: title, whose goal, target date, status, progress (a figure, or
 * following the milestones) and the milestones. Saved as a few calls; each is one transaction.
 */
export function GoalDialog(props: { pairs: { pairId: string; label: string }[]; goal: Goal | null; onClose: () => void; onSaved: () => void }) {
  const { goal } = props;
  const [pairId, setPairId] = useState(goal?.pairId ?? props.pairs[0]?.pairId ?? '');
  const [title, setTitle] = useState(goal?.title ?? '');
  const [scope, setScope] = useState<Goal['scope']>(goal?.scope ?? 'mentee');
  const [targetDate, setTargetDate] = useState(goal?.targetDate ?? '');
  const [status, setStatus] = useState<GoalStatus>(goal?.status ?? 'open');
  const [manual, setManual] = useState(goal?.progressSet !== null && goal?.progressSet !== undefined);
  const [progress, setProgress] = useState(goal?.progressSet ?? goal?.progress ?? 0);
  const [milestones, setMilestones] = useState<Draft[]>(goal?.milestones.map((m) => ({ id: m.id, title: m.title, targetDate: m.targetDate ?? '', done: m.done })) ?? []);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const setMilestone = (i: number, patch: Partial<Draft>) => setMilestones((list) => list.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const date = targetDate === '' ? null : targetDate;
      const figure = manual ? progress : null;
      if (!goal) {
        await api.call('goals.add', {
          pairId,
          scope,
          title,
          targetDate: date,
          progress: figure,
          milestones: milestones.filter((m) => m.title.trim() !== '').map((m) => ({ title: m.title, targetDate: m.targetDate === '' ? null : m.targetDate, done: m.done })),
        });
      } else {
        await api.call('goals.update', { id: goal.id, scope, title, targetDate: date, progress: figure, status });
        const kept = new Set(milestones.flatMap((m) => (m.id ? [m.id] : [])));
        for (const old of goal.milestones) if (!kept.has(old.id)) await api.call('goals.removeMilestone', { id: old.id });
        for (const m of milestones) {
          const target = m.targetDate === '' ? null : m.targetDate;
          if (!m.id) {
            if (m.title.trim() === '') continue;
            await api.call('goals.addMilestone', { goalId: goal.id, title: m.title, targetDate: target, done: m.done });
            continue;
          }
          const old = goal.milestones.find((o) => o.id === m.id)!;
          if (old.title !== m.title || old.targetDate !== target || old.done !== m.done) {
            await api.call('goals.updateMilestone', { id: m.id, title: m.title, targetDate: target, done: m.done });
          }
        }
      }
      props.onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={props.onClose} aria-labelledby="goal-title" fullWidth maxWidth="sm">
      <DialogTitle id="goal-title">{goal ? 'Edit goal' : 'Add a goal'}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {!goal && (
            <TextField select label="Pair" value={pairId} onChange={(e) => setPairId(e.target.value)}>
              {props.pairs.map((p) => <MenuItem key={p.pairId} value={p.pairId}>{p.label}</MenuItem>)}
            </TextField>
          )}
          <TextField label="Goal" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
          <Stack direction="row" spacing={2}>
            <TextField select label="Whose goal" value={scope} onChange={(e) => setScope(e.target.value as Goal['scope'])} sx={{ flex: 1 }}>
              <MenuItem value="mentee">The mentee's</MenuItem>
              <MenuItem value="pair">The pair's</MenuItem>
            </TextField>
            <TextField label="Target date" type="date" value={targetDate} onChange={(e) => setTargetDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={{ flex: 1 }} />
            {goal && (
              <TextField select label="Status" value={status} onChange={(e) => setStatus(e.target.value as GoalStatus)} sx={{ flex: 1 }}>
                {Object.entries(GOAL_STATUS_LABEL).map(([v, label]) => <MenuItem key={v} value={v}>{label}</MenuItem>)}
              </TextField>
            )}
          </Stack>
          <Box>
            <FormControlLabel control={<Switch checked={manual} onChange={(e) => setManual(e.target.checked)} />} label={manual ? `Progress set by hand: ${progress}%` : 'Progress follows the milestones done'} />
            {manual && <Slider aria-label="Progress (%)" value={progress} onChange={(_, v) => setProgress(v as number)} step={5} min={0} max={100} valueLabelDisplay="auto" />}
          </Box>
          <Stack direction="row" sx={{ alignItems: 'center' }}>
            <Typography variant="subtitle2" component="h3" sx={{ flex: 1 }}>Milestones</Typography>
            <Button startIcon={<AddIcon />} onClick={() => setMilestones((list) => [...list, { title: '', targetDate: '', done: false }])}>Add milestone</Button>
          </Stack>
          {milestones.length === 0 && <Typography variant="body2" color="text.secondary">No milestones.</Typography>}
          {milestones.map((m, i) => (
            <Stack key={m.id ?? `new-${i}`} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Checkbox checked={m.done} onChange={(e) => setMilestone(i, { done: e.target.checked })} slotProps={{ input: { 'aria-label': `Milestone ${i + 1} done` } }} />
              <TextField size="small" label={`Milestone ${i + 1}`} value={m.title} onChange={(e) => setMilestone(i, { title: e.target.value })} sx={{ flex: 2 }} />
              <TextField size="small" label="Due" type="date" value={m.targetDate} onChange={(e) => setMilestone(i, { targetDate: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} sx={{ flex: 1 }} />
              <Tooltip title="Remove milestone">
                <IconButton aria-label={`Remove milestone ${i + 1}`} onClick={() => setMilestones((list) => list.filter((_, j) => j !== i))}><DeleteIcon /></IconButton>
              </Tooltip>
            </Stack>
          ))}
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving || title.trim() === '' || pairId === ''}>Save goal</Button>
      </DialogActions>
    </Dialog>
  );
}
