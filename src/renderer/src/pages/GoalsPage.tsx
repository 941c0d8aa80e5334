import { useEffect, useMemo, useState } from 'react';
import {
  Alert, Box, Button, Chip, FormControlLabel, LinearProgress, MenuItem, Paper, Stack, Switch, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/AddOutlined';
import { api } from '../api/client';
import { useQuery } from '../api/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import { Pager } from '../components/Pager';
import { ProgramDaysSetting } from '../components/ProgramDaysSetting';
import { useWorkspace } from '../workspace';
import { GoalDialog } from '../goals/GoalDialog';
import { TemplatesDialog } from '../goals/TemplatesDialog';
import { GOAL_STATUS_COLOR, GOAL_STATUS_LABEL, type Goal, type GoalStatus } from '../goals/format';

/** The goals of the cohort's pairs: progress, milestones, status and whether each is stuck; add, edit, templates. */
export function GoalsPage() {
  const { cohort, cohortId } = useWorkspace();
  const [status, setStatus] = useState<GoalStatus | ''>('');
  const [stuckOnly, setStuckOnly] = useState(false);
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(100);
  // A page at a time from the core, filtered there: a year of a large program is 15,000 goals and 60,000
  // milestones, 16 MB as one answer. The counts above the table count all of them.
  const goals = useQuery(
    'goals.list',
    cohortId ? { cohortId, ...(status === '' ? {} : { status }), ...(stuckOnly ? { stuckOnly } : {}), page: { offset: pageIndex * pageSize, limit: pageSize } } : null,
  );
  // Active pairs: how many (the smallest answer that counts them), and every pair's name only while adding a goal.
  const overview = useQuery('pairs.overview', cohortId ? { cohortId, worstFirst: 1 } : null);
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);
  const [removing, setRemoving] = useState<Goal | null>(null);
  const [templates, setTemplates] = useState(false);
  const notify = useNotify();
  const everyPair = useQuery('pairs.overview', cohortId && editing === 'new' ? { cohortId } : null);

  useEffect(() => setPageIndex(0), [status, stuckOnly, cohortId]);
  // Past the last page (its last goal removed, or fewer goals after a change elsewhere): show the last one.
  const lastPage = Math.max(0, Math.ceil((goals.data?.counts.matching ?? 0) / pageSize) - 1);
  useEffect(() => {
    if (goals.data && pageIndex > lastPage) setPageIndex(lastPage);
  }, [goals.data, pageIndex, lastPage]);
  const counts = goals.data?.counts ?? { all: 0, reached: 0, stuck: 0, matching: 0 };
  const shown = goals.data?.goals ?? [];
  const paged = { shown, page: pageIndex, size: pageSize, setPage: setPageIndex, setSize: setPageSize, total: counts.matching };
  const activePairs = overview.data?.total ?? 0;
  const pairs = useMemo(
    () => (everyPair.data?.pairs ?? []).map((p) => ({ pairId: p.pairId, label: `${p.mentee.name} & ${p.mentor.name}` })).sort((a, b) => a.label.localeCompare(b.label)),
    [everyPair.data],
  );
  const { stuck, reached } = counts;
  const changed = () => {
    void goals.reload();
    void overview.reload();
  };
  const remove = async (goal: Goal) => {
    setRemoving(null);
    try {
      await api.call('goals.remove', { id: goal.id });
      notify({ severity: 'success', message: `Goal "${goal.title}" removed` });
      changed();
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };

  return (
    <Stack spacing={2} sx={{ minHeight: 0 }}>
      <Typography variant="h5" component="h1">Goals</Typography>
      {!cohortId && <Alert severity="info">Choose or create a cohort first.</Alert>}
      {goals.error && <Alert severity="error">{goals.error.message}</Alert>}
      {cohortId && overview.data && (
        <>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="body2">
              {counts.all.toLocaleString('en-US')} {counts.all === 1 ? 'goal' : 'goals'} · {reached.toLocaleString('en-US')} reached · {stuck.toLocaleString('en-US')} stuck (no progress for {goals.data?.stuckDays ?? 21} days or more)
            </Typography>
          </Stack>
          {/* Wraps as a whole in a narrow window, so no button or label breaks over two lines. */}
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', '& .MuiButton-root, & .MuiFormControlLabel-label': { whiteSpace: 'nowrap' } }}>
            <TextField select size="small" label="Status" value={status} onChange={(e) => setStatus(e.target.value as GoalStatus | '')} sx={{ minWidth: 150 }} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
              <MenuItem value="">All</MenuItem>
              {Object.entries(GOAL_STATUS_LABEL).map(([v, label]) => <MenuItem key={v} value={v}>{label}</MenuItem>)}
            </TextField>
            <FormControlLabel control={<Switch checked={stuckOnly} onChange={(e) => setStuckOnly(e.target.checked)} />} label="Stuck only" />
            {cohort && goals.data && (
              <ProgramDaysSetting programId={cohort.programId} setting="goalStuckDays" label="Stuck after (days)" value={goals.data.stuckDays} onSaved={changed} />
            )}
            <Box sx={{ flex: 1 }} />
            <Stack direction="row" spacing={2}>
              <Button variant="outlined" onClick={() => setTemplates(true)} disabled={!cohort}>Templates</Button>
              <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} disabled={activePairs === 0}>Add goal</Button>
            </Stack>
          </Stack>
          {activePairs === 0 && <Alert severity="info">No active pairs in {cohort?.name ?? 'this cohort'}: publish a run on the Matching page to give pairs goals.</Alert>}
          {activePairs > 0 && counts.all === 0 && <Alert severity="info">No goals yet: add one, or apply a template to every pair.</Alert>}
          {counts.all > 0 && (
            <TableContainer component={Paper} variant="outlined" sx={{ minHeight: 0, overflow: 'auto' }}>
              <Table size="small" stickyHeader aria-label="Goals">
                <TableHead>
                  <TableRow>
                    <TableCell>Mentee</TableCell>
                    <TableCell>Goal</TableCell>
                    <TableCell>Target</TableCell>
                    <TableCell sx={{ minWidth: 160 }}>Progress</TableCell>
                    <TableCell>Status</TableCell>
                    <TableCell align="right">Actions</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {paged.shown.map((g) => (
                    <TableRow key={g.id} hover>
                      <TableCell>
                        {g.mentee.name}
                        <Typography variant="body2" color="text.secondary">with {g.mentor.name}</Typography>
                      </TableCell>
                      <TableCell>
                        <Typography variant="body2" sx={{ fontWeight: 500 }}>{g.title}{g.scope === 'pair' ? ' (the pair\'s)' : ''}</Typography>
                        {g.milestones.length > 0 && (
                          <Typography variant="body2" color="text.secondary">
                            {g.milestones.filter((m) => m.done).length} / {g.milestones.length} milestones: {g.milestones.map((m) => `${m.done ? '✓ ' : ''}${m.title}`).join(' · ')}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{g.targetDate ?? '—'}</TableCell>
                      <TableCell>
                        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                          <LinearProgress variant="determinate" value={g.progress} sx={{ flex: 1, height: 6, borderRadius: 3 }} aria-label={`Progress of ${g.title}`} />
                          <Typography variant="body2" sx={{ width: 40, textAlign: 'right' }}>{g.progress}%</Typography>
                        </Stack>
                      </TableCell>
                      <TableCell>
                        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                          <Chip size="small" variant="outlined" label={GOAL_STATUS_LABEL[g.status]} color={GOAL_STATUS_COLOR[g.status]} />
                          {g.stuck && <Chip size="small" color="warning" label={`Stuck ${g.daysWithoutProgress} days`} />}
                        </Stack>
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        <Button size="small" onClick={() => setEditing(g)} aria-label={`Edit goal ${g.title} of ${g.mentee.name}`}>Edit</Button>
                        <Button size="small" color="error" onClick={() => setRemoving(g)} aria-label={`Remove goal ${g.title} of ${g.mentee.name}`}>Remove</Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          <Pager paged={paged} label="Goals per page" />
        </>
      )}
      {editing && (editing !== 'new' || everyPair.data) && (
        <GoalDialog
          pairs={pairs}
          goal={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            changed();
          }}
        />
      )}
      {templates && cohort && <TemplatesDialog programId={cohort.programId} cohortId={cohort.id} cohortName={cohort.name} onClose={() => setTemplates(false)} onApplied={changed} />}
      <ConfirmDialog open={removing !== null} title="Remove this goal?" confirmLabel="Remove goal" color="error" onCancel={() => setRemoving(null)} onConfirm={() => void remove(removing!)}>
        {removing && `"${removing.title}" of ${removing.mentee.name} and its ${removing.milestones.length} milestones are removed from the pair's record.`}
      </ConfirmDialog>
    </Stack>
  );
}
