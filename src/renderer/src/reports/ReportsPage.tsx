import { useState } from 'react';
import { Alert, Box, Button, LinearProgress, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { api } from '../api/client';
import { useQuery } from '../api/hooks';
import { useNotify } from '../components/Notifier';
import { useWorkspace } from '../workspace';
import { ExportPanel } from './ExportPanel';
import { FunnelSection } from './FunnelSection';
import { HealthMentorsSection } from './HealthMentorsSection';
import { NumberLink } from './NumberLink';
import { OutcomesSection } from './OutcomesSection';
import { RecognitionSection } from './RecognitionSection';
import { SessionsSection } from './SessionsSection';
import { mentorsLink, pairsLink, participantsLink } from './links';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The program's home page for the coordinator who reports: the cohort's figures, charts with their numbers, and the report files. */
export function ReportsPage() {
  const { cohort, cohortId, programs } = useWorkspace();
  const notify = useNotify();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [department, setDepartment] = useState('');
  const badDates = (from !== '' && !DATE.test(from)) || (to !== '' && !DATE.test(to)) || (from !== '' && to !== '' && from > to);
  const filter = cohortId && !badDates ? { cohortId, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(department ? { department } : {}) } : null;
  const dashboard = useQuery('reports.dashboard', filter);
  const d = dashboard.data;
  const program = programs.find((p) => p.id === cohort?.programId);
  const sample = cohort?.name === 'Sample cohort' && program?.name === 'Sample program';
  const [filling, setFilling] = useState(false);
  const fillSample = async () => {
    if (!cohortId) return;
    setFilling(true);
    try {
      const made = await api.call('reports.sampleHistory', { cohortId, weeks: 12 });
      await dashboard.reload();
      notify({ severity: 'success', message: `Generated ${made.sessions} sessions for ${made.pairs} pairs over 12 weeks, ${made.goals} goals and ${made.ratings} ratings` });
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    } finally {
      setFilling(false);
    }
  };

  const step = (stage: string) => d?.funnel.find((f) => f.stage === stage)?.people ?? 0;
  const atRisk = d?.health.find((h) => h.health === 'at-risk')?.pairs ?? 0;
  const cards = d
    ? [
        { label: 'Registered', value: step('registered').toLocaleString('en-GB'), href: participantsLink, hint: 'people' },
        { label: 'Matched', value: step('matched').toLocaleString('en-GB'), href: pairsLink(), hint: 'people in pairs' },
        { label: 'Active pairs', value: d.activePairs.toLocaleString('en-GB'), href: pairsLink(), hint: 'now' },
        { label: 'Sessions held', value: d.sessionsHeld.toLocaleString('en-GB'), href: pairsLink(), hint: `of ${d.sessionsExpected.toLocaleString('en-GB')} expected` },
        { label: 'At risk', value: atRisk.toLocaleString('en-GB'), href: pairsLink('at-risk'), hint: 'pairs' },
        { label: 'Mentors', value: d.mentors.length.toLocaleString('en-GB'), href: mentorsLink, hint: `${d.mentors.reduce((n, m) => n + m.mentees, 0)} mentees` },
      ]
    : [];

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">Dashboard and reports</Typography>
      {!cohortId && <Alert severity="info">Choose or create a cohort first.</Alert>}
      {cohortId && (
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} role="group" aria-label="Filters">
          <TextField size="small" type="date" label="From" value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField size="small" type="date" label="To" value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField select size="small" label="Department" value={department} onChange={(e) => setDepartment(e.target.value)} sx={{ minWidth: 180 }} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
            <MenuItem value="">All departments</MenuItem>
            {(d?.departments ?? []).map((dep) => <MenuItem key={dep} value={dep}>{dep}</MenuItem>)}
          </TextField>
          {(from || to || department) && <Button onClick={() => { setFrom(''); setTo(''); setDepartment(''); }}>Clear filters</Button>}
          {d && <Typography variant="body2" color="text.secondary">Figures as of {new Date(d.asOf).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</Typography>}
        </Stack>
      )}
      {badDates && <Alert severity="warning">The period starts after it ends: change From or To.</Alert>}
      {dashboard.error && <Alert severity="error">{dashboard.error.message}</Alert>}
      {dashboard.loading && !d && <LinearProgress aria-label="Loading the dashboard" />}
      {d && sample && d.sessionsHeld === 0 && d.activePairs > 0 && (
        <Alert severity="info" action={<Button color="inherit" disabled={filling} onClick={() => void fillSample()}>Generate sample history</Button>}>
          The sample cohort has no sessions yet. Generate 12 weeks of sessions, goals and ratings to see the dashboard and reports with data.
        </Alert>
      )}
      {d && (
        <>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 1.5 }} role="list" aria-label="Summary">
            {cards.map((c) => (
              <Paper key={c.label} variant="outlined" sx={{ p: 1.5 }} role="listitem">
                <Typography variant="body2" color="text.secondary">{c.label}</Typography>
                <Typography variant="h5" component="p">
                  <NumberLink href={c.href} label={`${c.value} ${c.label.toLowerCase()}: open the list`}>{c.value}</NumberLink>
                </Typography>
                <Typography variant="caption" color="text.secondary">{c.hint}</Typography>
              </Paper>
            ))}
          </Box>
          <FunnelSection d={d} />
          <SessionsSection d={d} />
          <HealthMentorsSection d={d} />
          <OutcomesSection d={d} />
          {/* Remounted when the figures change (new sessions, generated history), so the badges are re-read. */}
          <RecognitionSection key={`${d.asOf}-${d.sessionsHeld}`} cohortId={d.cohort.id} />
          <ExportPanel filter={filter!} onSaved={() => undefined} />
        </>
      )}
    </Stack>
  );
}
