import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import {
  Alert, Box, Button, Chip, IconButton, LinearProgress, Menu, MenuItem, Paper, Stack, Tab, Tabs, TextField, Tooltip, Typography, useMediaQuery,
} from '@mui/material';
import PlayIcon from '@mui/icons-material/PlayArrowRounded';
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
import { downloadFile } from '../components/download';
import { PairDrawer } from './PairDrawer';
import { SettingsPanel } from './SettingsPanel';
import { Unmatched } from './Unmatched';
import { useCohortSetup } from './useCohortSetup';
import { EditsBar, pendingMoves } from './EditsBar';
import { RunStats } from './RunStats';
import { IntroEmailsDialog } from './IntroEmailsDialog';
import { runTime, withAbsent } from './format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { EditTarget } from '../../../core/edits/contract';
import BlockIcon from '@mui/icons-material/BlockOutlined';
import MoveIcon from '@mui/icons-material/SwapHorizRounded';
import TuneIcon from '@mui/icons-material/TuneRounded';
import CollapseIcon from '@mui/icons-material/ChevronLeftRounded';
import type { Assignment, MatchingEdit, PairRef, RunStatus } from './types';

const samePair = (a: PairRef, b: PairRef) => a.menteeId === b.menteeId && a.mentorId === b.mentorId;
const PHASES: Record<string, string> = { scoring: 'Scoring pairs', solving: 'Finding the optimum', verifying: 'Checking optimality', mip: 'Solving with side constraints' };

export function MatchingPage() {
  const { cohort, cohortId, programs } = useWorkspace();
  const program = programs.find((p) => p.id === cohort?.programId);
  const notify = useNotify();
  const reportError = useCallback((e: Error) => notify({ severity: 'error', message: e.message }), [notify]);
  const setup = useCohortSetup(cohortId, reportError);
  const runs = useQuery('runs.list', cohortId ? { cohortId } : null);
  const members = useQuery('members.list', cohortId ? { cohortId } : null);
  const active = useQuery('pairs.active', cohortId ? { cohortId } : null);
  const dissolved = useQuery('pairs.dissolved', cohortId ? { cohortId } : null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const run = useQuery('runs.get', selectedId ? { runId: selectedId } : null);
  const [underWay, setUnderWay] = useState<RunStatus | null>(null);
  const [tab, setTab] = useState(0);
  const [pair, setPair] = useState<Assignment | null>(null);
  const [exportAnchor, setExportAnchor] = useState<HTMLElement | null>(null);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const [confirmDissolve, setConfirmDissolve] = useState<string | null>(null);
  const narrow = useMediaQuery('(max-width: 1199px)');
  const [rulesOpen, setRulesOpen] = useState<boolean | null>(null);
  const showRules = rulesOpen ?? !narrow;
  const [emailsOpen, setEmailsOpen] = useState(false);

  const present = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m])), [members.data]);
  // A saved run can name people no longer in the cohort: removed ones, or erased for a privacy request.
  const missing = useMemo(() => {
    const ids = new Set<string>();
    for (const a of run.data?.result.assignments ?? []) for (const id of [a.menteeId, a.mentorId]) if (!present.has(id)) ids.add(id);
    for (const u of run.data?.result.unmatched ?? []) if (!present.has(u.menteeId)) ids.add(u.menteeId);
    return [...ids].sort();
  }, [run.data, present]);
  const erased = useQuery('people.erasedIds', members.data && missing.length > 0 ? { ids: missing } : null);
  const byId = useMemo(() => withAbsent(present, missing, new Set(erased.data ?? [])), [present, missing, erased.data]);
  const adj = setup.edits?.adjustments ?? { locks: [], forbids: [], capacity: {} };
  const settings = setup.settings;

  useEffect(() => {
    if (runs.data && (!selectedId || !runs.data.some((r) => r.id === selectedId))) setSelectedId(runs.data[0]?.id ?? null);
  }, [runs.data, selectedId]);

  // Poll the run under way: progress for the bar, the saved run when done.
  useEffect(() => {
    if (!underWay || underWay.state !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        const next = await api.call('runs.status', { runId: underWay.id });
        setUnderWay(next);
        if (next.state === 'done') {
          await runs.reload();
          setSelectedId(next.id);
          notify({ severity: 'success', message: `Matching finished in ${(next.elapsedMs / 1000).toFixed(1)} s` });
        } else if (next.state === 'failed') notify({ severity: 'error', message: next.error ?? 'Matching failed' });
      } catch (e) {
        notify({ severity: 'error', message: (e as Error).message });
        setUnderWay(null);
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [underWay, runs, notify]);

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
      setUnderWay(kind === 'rematch' ? await api.call('runs.rematch', { cohortId }) : await api.call('runs.start', { cohortId }));
    } catch (e) {
      reportError(e as Error);
    }
  };
  const cancel = async () => {
    if (underWay) setUnderWay(await api.call('runs.cancel', { runId: underWay.id }));
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
    setConfirmDissolve(null);
    try {
      await api.call('pairs.dissolve', { pairId });
      await Promise.all([active.reload(), dissolved.reload()]);
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
  const moves = pendingMoves(adj, r);
  /** What a row's pair is now: its pending edit (lock, move, forbid) or its published state. */
  const pairStatus = (a: Assignment): { label: string; icon?: ReactElement; color: 'default' | 'info' | 'warning' | 'success' | 'error' } | null => {
    if (adj.forbids.some((f) => samePair(f, a))) return { label: 'Forbidden next run', icon: <BlockIcon />, color: 'warning' };
    if (moves.has(a.menteeId)) {
      const to = adj.locks.find((l) => l.menteeId === a.menteeId)!.mentorId;
      return { label: `Moving to ${byId.get(to)?.fullName ?? 'another mentor'}`, icon: <MoveIcon />, color: 'info' };
    }
    if (isLocked(a)) return { label: 'Locked', icon: <LockIcon />, color: 'default' };
    if ((dissolved.data ?? []).some((p) => samePair(p, a))) return { label: 'Dissolved', color: 'error' };
    if (publishedRunIds.has(r?.id ?? '') && (active.data ?? []).some((p) => samePair(p, a))) return { label: 'Published', color: 'success' };
    return null;
  };
  const columns: Column<Assignment>[] = [
    { key: 'mentee', header: 'Mentee', width: 'minmax(120px, 1.2fr)', value: (a) => byId.get(a.menteeId)?.fullName ?? a.menteeId },
    { key: 'mentor', header: 'Mentor', width: 'minmax(120px, 1.2fr)', value: (a) => byId.get(a.mentorId)?.fullName ?? a.mentorId },
    { key: 'score', header: 'Score', width: '68px', align: 'right', value: (a) => Math.round(a.score * 1000) / 1000, render: (a) => a.score.toFixed(3) },
    { key: 'tz', header: 'Δ tz (h)', width: '72px', align: 'right', value: (a) => a.tzDiffHours },
    { key: 'overlap', header: 'Overlap', width: '72px', align: 'right', value: (a) => (a.overlapHours === null ? null : Math.round(a.overlapHours * 10) / 10) },
    { key: 'topics', header: 'Shared topics', width: 'minmax(100px, 1.4fr)', value: (a) => a.sharedTopics.join(', ') || null },
    {
      key: 'status', header: 'Status', width: 'minmax(96px, 0.9fr)', value: (a) => pairStatus(a)?.label ?? null,
      render: (a) => {
        const status = pairStatus(a);
        return status ? <Chip size="small" variant="outlined" color={status.color} icon={status.icon} label={status.label} sx={{ maxWidth: '100%' }} /> : null;
      },
    },
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
  const running = underWay?.state === 'running';
  const removeEdit = async (target: EditTarget) => {
    try {
      await setup.removeEdit(target);
      notify({ severity: 'info', message: 'Edit taken back. Run matching again to apply.', undo: () => void setup.undo().catch(reportError) });
    } catch (e) {
      reportError(e as Error);
    }
  };

  return (
    <Box sx={{ display: 'flex', gap: 2, minHeight: 0, flex: 1 }}>
      {showRules && (
      <Paper variant="outlined" sx={{ width: 300, flexShrink: 0, p: 2, overflow: 'auto' }} component="aside" aria-label="Matching rules" id="matching-rules">
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, flex: 1 }}>Rules & weights</Typography>
          <Tooltip title="Hide the rules"><IconButton size="small" aria-label="Hide rules and weights" onClick={() => setRulesOpen(false)}><CollapseIcon /></IconButton></Tooltip>
        </Stack>
        {settings ? <SettingsPanel settings={settings} onChange={setup.changeSettings} program={program ? { id: program.id, name: program.name } : undefined} /> : <LinearProgress aria-label="Loading the settings" />}
        <Button size="small" sx={{ mt: 2 }} onClick={() => void setup.resetSettings().catch(reportError)}>Reset to defaults</Button>
      </Paper>
      )}

      <Stack spacing={2} sx={{ flex: 1, minWidth: 0, minHeight: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          {!showRules && (
            <Button size="small" variant="outlined" startIcon={<TuneIcon />} onClick={() => setRulesOpen(true)} aria-controls="matching-rules" aria-expanded={false}>
              Rules & weights
            </Button>
          )}
          <Typography variant="h5" component="h1" sx={{ flex: 1 }}>Matching</Typography>
          {(active.data?.length ?? 0) > 0 && (
            <Tooltip title="Keep every published pair and match only the people without one">
              <span><Button variant="outlined" disabled={running} onClick={() => void startRun('rematch')}>Re-match unmatched</Button></span>
            </Tooltip>
          )}
          <Button variant="contained" startIcon={<PlayIcon />} disabled={running || !settings} onClick={() => void startRun('run')}>Run matching</Button>
        </Stack>

        <EditsBar
          adjustments={adj} run={r} members={byId} canUndo={Boolean(setup.edits?.undo)} canRedo={Boolean(setup.edits?.redo)}
          onUndo={() => void setup.undo().catch(reportError)} onRedo={() => void setup.redo().catch(reportError)}
          onClear={() => void edit('Edits cleared', { kind: 'reset', to: { locks: [], forbids: [], capacity: {} } })}
          onRemove={(target) => void removeEdit(target)}
        />

        {running && underWay && (
          <Paper variant="outlined" sx={{ p: 2 }} role="status">
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <Box sx={{ flex: 1 }}>
                <Typography variant="body2">{underWay.progress ? `${PHASES[underWay.progress.phase] ?? underWay.progress.phase}… ${underWay.progress.total ? Math.round((underWay.progress.done / underWay.progress.total) * 100) : 0}%` : 'Starting…'}</Typography>
                <LinearProgress variant={underWay.progress?.total ? 'determinate' : 'indeterminate'} value={underWay.progress?.total ? (underWay.progress.done / underWay.progress.total) * 100 : 0} aria-label="Matching progress" sx={{ mt: 1 }} />
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
                  <MenuItem key={x.id} value={x.id}>{x.name} · {x.matched} matched · {runTime(x.createdAt)}{x.status === 'published' ? ' · Published' : ''}</MenuItem>
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

            <RunStats run={r} />
            {r.result.warnings.length > 0 && (
              <Alert severity="warning" aria-label="Notes on this run">
                {r.result.warnings.length === 1 ? (
                  r.result.warnings[0]
                ) : (
                  <Box component="ul" sx={{ m: 0, pl: 2 }}>
                    {r.result.warnings.map((w) => <li key={w}>{w}</li>)}
                  </Box>
                )}
              </Alert>
            )}

            <Tabs value={tab} onChange={(_e, v: number) => setTab(v)} aria-label="Run views" variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile>
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
              capacity={pair ? capacityOf(pair.mentorId) : 0} onCapacity={setCapacity} activePairId={activePairOf(pair)} onDissolve={(id) => setConfirmDissolve(id)} />
          </Stack>
        )}
      </Stack>

      <Menu anchorEl={exportAnchor} open={exportAnchor !== null} onClose={() => setExportAnchor(null)}>
        <MenuItem onClick={() => void exportAs('csv')}>Pairs as CSV</MenuItem>
        <MenuItem onClick={() => void exportAs('xlsx')}>Pairs as Excel (.xlsx)</MenuItem>
        <MenuItem onClick={() => { setExportAnchor(null); setEmailsOpen(true); }}>Introduction emails (.eml)…</MenuItem>
      </Menu>

      <ConfirmDialog
        open={confirmDissolve !== null} title="Dissolve this published pair?" confirmLabel="Dissolve pair" color="error"
        onCancel={() => setConfirmDissolve(null)} onConfirm={() => confirmDissolve && void dissolve(confirmDissolve)}
      >
        {pair ? `${byId.get(pair.menteeId)?.fullName ?? 'The mentee'} and ${byId.get(pair.mentorId)?.fullName ?? 'the mentor'}` : 'The two people'} stop being a pair. Their sessions and goals are kept with the ended pair; "Re-match unmatched" can then find each of them a new partner and will not pair them again. This cannot be undone.
      </ConfirmDialog>

      <ConfirmDialog open={confirmPublish} title={`Publish ${r?.name ?? 'this run'}?`} confirmLabel="Publish pairs" color="success" onCancel={() => setConfirmPublish(false)} onConfirm={() => void publish()}>
        Its {r?.result.assignments.length} pairs become the cohort's active pairs; sessions, goals and feedback attach to them. Pairs already active stay as they are; others end. Earlier publications are kept as history.
      </ConfirmDialog>

      <IntroEmailsDialog
        runId={selectedId} open={emailsOpen} onClose={() => setEmailsOpen(false)}
        onSave={(options) => { setEmailsOpen(false); void exportAs('eml', options); }}
      />
    </Box>
  );
}
