import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, LinearProgress, Menu, MenuItem, Paper, Stack, Tab, Tabs, TextField, Tooltip, Typography,
} from '@mui/material';
import PlayIcon from '@mui/icons-material/PlayArrowRounded';
import UndoIcon from '@mui/icons-material/UndoRounded';
import RedoIcon from '@mui/icons-material/RedoRounded';
import LockIcon from '@mui/icons-material/LockOutlined';
import VerifiedIcon from '@mui/icons-material/VerifiedOutlined';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import PublishIcon from '@mui/icons-material/PublishOutlined';
import { api } from '../api/client';
import { useQuery } from '../api/hooks';
import { useNotify } from '../components/Notifier';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useWorkspace } from '../workspace';
import { Charts } from './Charts';
import { Compare } from './Compare';
import { downloadFile } from './download';
import { PairDrawer } from './PairDrawer';
import { SettingsPanel } from './SettingsPanel';
import { Unmatched } from './Unmatched';
import { useCohortSetup } from './useCohortSetup';
import type { Assignment, MatchingEdit, PairRef, RunStatus } from './types';

const samePair = (a: PairRef, b: PairRef) => a.menteeId === b.menteeId && a.mentorId === b.mentorId;
const PHASES: Record<string, string> = { scoring: 'Scoring pairs', solving: 'Finding the optimum', verifying: 'Checking optimality', mip: 'Solving with side constraints' };

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, flex: '1 1 0', minWidth: 110 }}>
      <Typography variant="caption" color="text.secondary">{label}</Typography>
      <Typography variant="h6" sx={{ lineHeight: 1.3 }}>{value}</Typography>
      {hint && <Typography variant="caption" color="text.secondary" sx={{ display: 'block', lineHeight: 1.3 }}>{hint}</Typography>}
    </Paper>
  );
}

export function MatchingPage() {
  const { cohort, cohortId } = useWorkspace();
  const notify = useNotify();
  const reportError = useCallback((e: Error) => notify({ severity: 'error', message: e.message }), [notify]);
  const setup = useCohortSetup(cohortId, reportError);
  const runs = useQuery('runs.list', cohortId ? { cohortId } : null);
  const members = useQuery('members.list', cohortId ? { cohortId } : null);
  const active = useQuery('pairs.active', cohortId ? { cohortId } : null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const run = useQuery('runs.get', selectedId ? { runId: selectedId } : null);
  const [job, setJob] = useState<RunStatus | null>(null);
  const [tab, setTab] = useState(0);
  const [pair, setPair] = useState<Assignment | null>(null);
  const [exportAnchor, setExportAnchor] = useState<HTMLElement | null>(null);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const [emailPreview, setEmailPreview] = useState<{ from: string; note: string } | null>(null);
  const preview = useQuery('runs.introPreview', emailPreview && selectedId ? { runId: selectedId, from: emailPreview.from || undefined, note: emailPreview.note || undefined } : null);

  const byId = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m])), [members.data]);
  const adj = setup.edits?.adjustments ?? { locks: [], forbids: [], capacity: {} };
  const settings = setup.settings;

  useEffect(() => {
    if (runs.data && (!selectedId || !runs.data.some((r) => r.id === selectedId))) setSelectedId(runs.data[0]?.id ?? null);
  }, [runs.data, selectedId]);

  // Poll the run under way: progress for the bar, the saved run when done.
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        const next = await api.call('runs.status', { runId: job.id });
        setJob(next);
        if (next.state === 'done') {
          await runs.reload();
          setSelectedId(next.id);
          notify({ severity: 'success', message: `Matching finished in ${(next.elapsedMs / 1000).toFixed(1)} s` });
        } else if (next.state === 'failed') notify({ severity: 'error', message: next.error ?? 'Matching failed' });
      } catch (e) {
        notify({ severity: 'error', message: (e as Error).message });
        setJob(null);
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [job, runs, notify]);

  // Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z undo and redo edits, unless the focus is in a text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z') return;
      if ((e.target as HTMLElement).closest('input, textarea')) return;
      e.preventDefault();
      void (e.shiftKey ? setup.redo() : setup.undo()).catch(reportError);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setup, reportError]);

  if (!cohort || !cohortId) {
    return <Alert severity="info">Choose or create a cohort first (Programs & cohorts).</Alert>;
  }

  /** A run uses the cohort's saved settings and edits (the core composes them, as for the CLI); a re-match is the core's too. */
  const startRun = async (kind: 'run' | 'rematch') => {
    try {
      await setup.flush();
      setJob(kind === 'rematch' ? await api.call('runs.rematch', { cohortId }) : await api.call('runs.start', { cohortId }));
    } catch (e) {
      reportError(e as Error);
    }
  };
  const cancel = async () => {
    if (job) setJob(await api.call('runs.cancel', { runId: job.id }));
    notify({ severity: 'info', message: 'Matching cancelled' });
  };

  const edit = async (message: string, change: MatchingEdit) => {
    try {
      await setup.addEdit(change);
      notify({ severity: 'info', message: `${message}. Run matching again to apply.`, undo: () => void setup.undo().catch(reportError) });
    } catch (e) {
      reportError(e as Error);
    }
  };
  const lock = (p: PairRef) => void edit('Pair locked', { kind: 'lock', menteeId: p.menteeId, mentorId: p.mentorId });
  const forbid = (p: PairRef) => void edit('Pair forbidden', { kind: 'forbid', menteeId: p.menteeId, mentorId: p.mentorId });
  const move = (p: PairRef, cost: number) => {
    void edit(`Moved (${cost.toFixed(3)} against the optimum)`, { kind: 'lock', menteeId: p.menteeId, mentorId: p.mentorId });
    setPair(null);
  };
  const setCapacity = (mentorId: string, capacity: number) =>
    void edit(`${byId.get(mentorId)?.fullName ?? 'Mentor'} now takes ${Math.max(0, capacity)}`, { kind: 'capacity', mentorId, capacity: Math.max(0, capacity) });
  const capacityOf = (mentorId: string) => adj.capacity[mentorId] ?? byId.get(mentorId)?.capacity ?? 1;
  const activePairOf = (a: Assignment | null) => (a ? (active.data ?? []).find((p) => p.menteeId === a.menteeId && p.mentorId === a.mentorId)?.id ?? null : null);
  const dissolve = async (pairId: string) => {
    try {
      await api.call('pairs.dissolve', { pairId });
      await active.reload();
      setPair(null);
      notify({ severity: 'success', message: 'Pair dissolved. Use "Re-match unmatched" to find them new partners.' });
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };
  const addSlot = (mentorId: string) => setCapacity(mentorId, capacityOf(mentorId) + 1);

  const r = run.data;
  const publishedRunIds = new Set((runs.data ?? []).filter((x) => x.status === 'published').map((x) => x.id));
  const isLocked = (a: Assignment) => a.locked || adj.locks.some((l) => samePair(l, a));
  const columns: Column<Assignment>[] = [
    { key: 'mentee', header: 'Mentee', width: 'minmax(120px, 1.2fr)', value: (a) => byId.get(a.menteeId)?.fullName ?? a.menteeId },
    { key: 'mentor', header: 'Mentor', width: 'minmax(120px, 1.2fr)', value: (a) => byId.get(a.mentorId)?.fullName ?? a.mentorId },
    { key: 'score', header: 'Score', width: '68px', align: 'right', value: (a) => Math.round(a.score * 1000) / 1000, render: (a) => a.score.toFixed(3) },
    { key: 'tz', header: 'Δ tz (h)', width: '72px', align: 'right', value: (a) => a.tzDiffHours },
    { key: 'overlap', header: 'Overlap', width: '72px', align: 'right', value: (a) => (a.overlapHours === null ? null : Math.round(a.overlapHours * 10) / 10) },
    { key: 'topics', header: 'Shared topics', width: 'minmax(100px, 1.4fr)', value: (a) => a.sharedTopics.join(', ') || null },
    { key: 'lock', header: '', width: '36px', value: (a) => (isLocked(a) ? 1 : 0), render: (a) => (isLocked(a) ? <LockIcon fontSize="small" aria-label="Locked" /> : null) },
  ];

  /** "Use these settings": the run's rules and weights become the cohort's, its locks and forbids the edits (one undoable step). */
  const adoptRunSettings = async () => {
    if (!r) return;
    try {
      await setup.resetSettings(r.settings);
      await setup.addEdit({ kind: 'reset', to: { locks: r.settings.lockedPairs, forbids: r.settings.forbiddenPairs, capacity: r.settings.capacityOverrides } });
      notify({ severity: 'info', message: `Loaded the settings of ${r.name}` });
    } catch (e) {
      reportError(e as Error);
    }
  };

  const exportAs = async (format: 'csv' | 'xlsx' | 'eml', options: { from?: string; note?: string } = {}) => {
    setExportAnchor(null);
    if (!r) return;
    try {
      const file = await api.call('runs.export', { runId: r.id, format, ...options });
      downloadFile(file);
      notify({ severity: 'success', message: `Saved ${file.fileName}` });
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };
  const publish = async () => {
    setConfirmPublish(false);
    if (!r) return;
    try {
      const result = await api.call('pairs.publish', { runId: r.id });
      await Promise.all([runs.reload(), active.reload(), run.reload()]);
      notify({ severity: 'success', message: `Published: ${result.added} new pairs, ${result.kept} kept, ${result.ended} ended` });
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };

  const mentees = (members.data ?? []).filter((m) => m.role === 'mentee').length;
  const running = job?.state === 'running';
  const editCount = adj.locks.length + adj.forbids.length + Object.keys(adj.capacity).length;

  return (
    <Box sx={{ display: 'flex', gap: 2, minHeight: 0, flex: 1 }}>
      <Paper variant="outlined" sx={{ width: 300, flexShrink: 0, p: 2, overflow: 'auto' }} component="aside" aria-label="Matching rules">
        <Typography variant="subtitle1" sx={{ fontWeight: 700, mb: 1 }}>Rules & weights</Typography>
        {settings ? <SettingsPanel settings={settings} onChange={setup.changeSettings} /> : <LinearProgress aria-label="Loading the settings" />}
        <Button size="small" sx={{ mt: 2 }} onClick={() => void setup.resetSettings().catch(reportError)}>Reset to defaults</Button>
      </Paper>

      <Stack spacing={2} sx={{ flex: 1, minWidth: 0, minHeight: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Typography variant="h5" component="h1" sx={{ flex: 1 }}>Matching</Typography>
          {(active.data?.length ?? 0) > 0 && (
            <Tooltip title="Keep every published pair and match only the people without one">
              <span><Button variant="outlined" disabled={running} onClick={() => void startRun('rematch')}>Re-match unmatched</Button></span>
            </Tooltip>
          )}
          <Button variant="contained" startIcon={<PlayIcon />} disabled={running || !settings} onClick={() => void startRun('run')}>Run matching</Button>
        </Stack>

        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap aria-label="Your edits">
          <Typography variant="body2" color="text.secondary">Your edits:</Typography>
          {editCount === 0 && <Typography variant="body2" color="text.secondary">none (lock, forbid or move pairs from a run)</Typography>}
          {adj.locks.length > 0 && <Chip size="small" icon={<LockIcon />} label={`${adj.locks.length} locked`} />}
          {adj.forbids.length > 0 && <Chip size="small" color="warning" variant="outlined" label={`${adj.forbids.length} forbidden`} />}
          {Object.keys(adj.capacity).length > 0 && <Chip size="small" variant="outlined" label={`${Object.keys(adj.capacity).length} capacity change${Object.keys(adj.capacity).length === 1 ? '' : 's'}`} />}
          <Tooltip title="Undo edit (Ctrl+Z)"><span><IconButton size="small" aria-label="Undo edit" disabled={!setup.edits?.undo} onClick={() => void setup.undo().catch(reportError)}><UndoIcon /></IconButton></span></Tooltip>
          <Tooltip title="Redo edit (Ctrl+Shift+Z)"><span><IconButton size="small" aria-label="Redo edit" disabled={!setup.edits?.redo} onClick={() => void setup.redo().catch(reportError)}><RedoIcon /></IconButton></span></Tooltip>
          {editCount > 0 && <Button size="small" onClick={() => void edit('Edits cleared', { kind: 'reset', to: { locks: [], forbids: [], capacity: {} } })}>Clear</Button>}
        </Stack>

        {running && job && (
          <Paper variant="outlined" sx={{ p: 2 }} role="status">
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <Box sx={{ flex: 1 }}>
                <Typography variant="body2">{job.progress ? `${PHASES[job.progress.phase] ?? job.progress.phase}… ${job.progress.total ? Math.round((job.progress.done / job.progress.total) * 100) : 0}%` : 'Starting…'}</Typography>
                <LinearProgress variant={job.progress?.total ? 'determinate' : 'indeterminate'} value={job.progress?.total ? (job.progress.done / job.progress.total) * 100 : 0} aria-label="Matching progress" sx={{ mt: 1 }} />
              </Box>
              <Button onClick={() => void cancel()}>Cancel</Button>
            </Stack>
          </Paper>
        )}

        {runs.data?.length === 0 && !running && (
          <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }}>
            <Typography variant="h6">No runs yet for {cohort.name}</Typography>
            <Typography color="text.secondary">{mentees} mentees and {cohort.mentorCount} mentors. Set the rules on the left and press Run matching: the result is provably the best possible under them.</Typography>
          </Paper>
        )}

        {r && (
          <Stack spacing={2} sx={{ flex: 1, minHeight: 0 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
              <TextField select size="small" label="Run" value={r.id} onChange={(e) => setSelectedId(e.target.value)} sx={{ minWidth: 260 }}>
                {(runs.data ?? []).map((x) => (
                  <MenuItem key={x.id} value={x.id}>{x.name} · {x.matched} matched · {new Date(x.createdAt).toLocaleTimeString()}{x.status === 'published' ? ' · Published' : ''}</MenuItem>
                ))}
              </TextField>
              <Chip label={publishedRunIds.has(r.id) ? 'Published' : 'Draft'} color={publishedRunIds.has(r.id) ? 'success' : 'default'} />
              {r.result.status === 'optimal' && (
                <Tooltip title={r.result.certificate.detail}><Chip icon={<VerifiedIcon />} color="primary" variant="outlined" label="Proved optimal" /></Tooltip>
              )}
              <Box sx={{ flex: 1 }} />
              <Button size="small" onClick={() => void adoptRunSettings()}>
                Use these settings
              </Button>
              <Button variant="outlined" startIcon={<DownloadIcon />} onClick={(e) => setExportAnchor(e.currentTarget)}>Export</Button>
              <Button variant="contained" color="success" startIcon={<PublishIcon />} onClick={() => setConfirmPublish(true)}>Publish</Button>
            </Stack>

            <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap' }} useFlexGap aria-label="Result summary">
              <Stat label="Matched" value={`${r.result.matched} of ${r.result.matched + r.result.unmatched.length}`} hint={`${r.result.unmatched.length} unmatched`} />
              <Stat label="Total score" value={r.result.totalScore.toFixed(2)} hint={`average ${(r.result.matched ? r.result.totalScore / r.result.matched : 0).toFixed(3)}`} />
              {r.insights.greedy && (
                <Stat
                  label="Gain over greedy"
                  value={`+${(r.result.objective - r.insights.greedy.objective).toFixed(2)}`}
                  hint={`greedy: ${r.insights.greedy.matched} matched, ${r.insights.greedy.totalScore.toFixed(2)}`}
                />
              )}
              {r.insights.unconstrained && (
                <Stat label="Cost of your edits" value={(r.result.objective - r.insights.unconstrained.objective).toFixed(3)} hint={`vs the optimum without them (${r.insights.unconstrained.matched} matched)`} />
              )}
              <Stat label="Solved in" value={`${Math.round(r.result.stats.scoringMs + r.result.stats.solveMs)} ms`} hint={`${r.result.stats.allowedPairs.toLocaleString()} pairs allowed`} />
            </Stack>
            {r.result.warnings.map((w) => <Alert key={w} severity="warning">{w}</Alert>)}

            <Tabs value={tab} onChange={(_e, v: number) => setTab(v)} aria-label="Run views">
              <Tab label={`Pairs (${r.result.assignments.length})`} />
              <Tab label={`Unmatched (${r.result.unmatched.length})`} />
              <Tab label="Charts" />
              <Tab label="Compare" />
            </Tabs>
            <Box sx={{ flex: 1, minHeight: 280, display: 'flex', flexDirection: 'column' }}>
              {tab === 0 && (
                <Paper variant="outlined" sx={{ flex: 1, minHeight: 280, overflow: 'hidden' }}>
                  <VirtualTable rows={r.result.assignments.map((a) => ({ ...a, id: a.menteeId }))} columns={columns} label="Pairs" onOpen={(a) => setPair(a)} />
                </Paper>
              )}
              {tab === 1 && <Unmatched run={r} members={byId} onAddSlot={addSlot} />}
              {tab === 2 && <Charts run={r} members={members.data ?? []} />}
              {tab === 3 && <Compare run={r} runs={runs.data ?? []} members={byId} />}
            </Box>
            <PairDrawer run={r} assignment={pair} members={byId} locked={pair ? isLocked(pair) : false} onClose={() => setPair(null)} onLock={(p) => { lock(p); setPair(null); }} onForbid={(p) => { forbid(p); setPair(null); }} onMove={move}
              capacity={pair ? capacityOf(pair.mentorId) : 0} onCapacity={setCapacity} activePairId={activePairOf(pair)} onDissolve={(id) => void dissolve(id)} />
          </Stack>
        )}
      </Stack>

      <Menu anchorEl={exportAnchor} open={exportAnchor !== null} onClose={() => setExportAnchor(null)}>
        <MenuItem onClick={() => void exportAs('csv')}>Pairs as CSV</MenuItem>
        <MenuItem onClick={() => void exportAs('xlsx')}>Pairs as Excel (.xlsx)</MenuItem>
        <MenuItem onClick={() => { setExportAnchor(null); setEmailPreview({ from: '', note: '' }); }}>Introduction emails (.eml)…</MenuItem>
      </Menu>

      <Dialog open={confirmPublish} onClose={() => setConfirmPublish(false)}>
        <DialogTitle>Publish {r?.name}?</DialogTitle>
        <DialogContent>
          <Typography>
            Its {r?.result.assignments.length} pairs become the cohort's active pairs; sessions, goals and feedback attach to them. Pairs already active stay as they are; others end. Earlier publications are kept as history.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmPublish(false)}>Cancel</Button>
          <Button variant="contained" color="success" onClick={() => void publish()}>Publish pairs</Button>
        </DialogActions>
      </Dialog>

      <Dialog open={emailPreview !== null} onClose={() => setEmailPreview(null)} fullWidth maxWidth="sm">
        <DialogTitle>Introduction emails</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
          <Typography variant="body2" color="text.secondary">One ready-to-send .eml per pair, addressed to mentor and mentee, saying why they were paired. Open them in your mail program to review and send.</Typography>
          <TextField size="small" label="From" placeholder="Mentoring team <mentoring@yourorg.org>" value={emailPreview?.from ?? ''} onChange={(e) => setEmailPreview((p) => p && { ...p, from: e.target.value })} />
          <TextField size="small" label="Personal note (optional)" multiline minRows={3} value={emailPreview?.note ?? ''} onChange={(e) => setEmailPreview((p) => p && { ...p, note: e.target.value })} />
          {preview.data && (
            <Paper variant="outlined" sx={{ p: 2, maxHeight: 260, overflow: 'auto' }} aria-label="Email preview">
              <Typography variant="caption" color="text.secondary">Preview (1 of {preview.data.count}) · nothing is sent</Typography>
              <Typography variant="body2"><strong>To:</strong> {preview.data.first?.to.join(', ')}</Typography>
              <Typography variant="body2"><strong>Subject:</strong> {preview.data.first?.subject}</Typography>
              <Typography variant="body2" component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', mt: 1 }}>{preview.data.first?.text}</Typography>
            </Paper>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setEmailPreview(null)}>Cancel</Button>
          <Button variant="contained" onClick={() => { const p = emailPreview; setEmailPreview(null); void exportAs('eml', { from: p?.from || undefined, note: p?.note || undefined }); }}>Save .eml files (zip)</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
