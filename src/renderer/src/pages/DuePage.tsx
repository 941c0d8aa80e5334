import { useState } from 'react';
import { Alert, Box, Button, Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '../api/hooks';
import type { MethodOutput } from '../api/client';
import { useWorkspace } from '../workspace';
import { Pager, usePaged } from '../components/Pager';
import { ProgramDaysSetting } from '../components/ProgramDaysSetting';
import { openPairOnPairsPage } from '../pairs/open-request';

type DueItem = MethodOutput<'due.list'>['items'][number];
type Scope = 'cohort' | 'program' | 'all';

const KIND: Record<DueItem['kind'], { label: string; color: 'info' | 'error' | 'warning' | 'secondary' }> = {
  'session-soon': { label: 'Session soon', color: 'info' },
  'no-first-session': { label: 'No first session', color: 'error' },
  'past-cadence': { label: 'Past cadence', color: 'warning' },
  'stuck-goal': { label: 'Stuck goal', color: 'secondary' },
};

/** "2027-03-14 09:00" in this computer's time, for an instant. */
const local = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** What needs action, as of now or a chosen moment: each item opens its pair. */
export function DuePage() {
  const { cohort, cohortId, programs, selectCohort, reload } = useWorkspace();
  const [scope, setScope] = useState<Scope>('cohort');
  const [asOf, setAsOf] = useState('');
  const asOfIso = asOf === '' || Number.isNaN(Date.parse(asOf)) ? undefined : new Date(asOf).toISOString();
  const input = scope === 'all' ? { asOf: asOfIso } : scope === 'program' ? (cohort ? { programId: cohort.programId, asOf: asOfIso } : null) : cohortId ? { cohortId, asOf: asOfIso } : null;
  const due = useQuery('due.list', input);
  const items = due.data?.items ?? [];
  const paged = usePaged(items, [scope, asOfIso, cohortId]);
  const program = programs.find((p) => p.id === cohort?.programId);
  const counts = Object.fromEntries(Object.keys(KIND).map((k) => [k, items.filter((i) => i.kind === k).length]));
  const open = (item: DueItem) => {
    if (item.cohortId !== cohortId) selectCohort(item.cohortId);
    openPairOnPairsPage(item.pairId);
  };

  return (
    <Stack spacing={2} sx={{ minHeight: 0 }}>
      <Typography variant="h5" component="h1">Due</Typography>
      {!cohortId && scope !== 'all' && <Alert severity="info">Choose or create a cohort first.</Alert>}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField select size="small" label="Show" value={scope} onChange={(e) => setScope(e.target.value as Scope)} sx={{ minWidth: 260 }}>
          <MenuItem value="cohort">{cohort ? `Cohort ${cohort.name}` : 'This cohort'}</MenuItem>
          <MenuItem value="program" disabled={!cohort}>{program ? `Open cohorts of ${program.name}` : 'Open cohorts of the program'}</MenuItem>
          <MenuItem value="all">Every open cohort</MenuItem>
        </TextField>
        <TextField
          size="small"
          type="datetime-local"
          label="As of"
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          helperText={asOf === '' ? 'Now' : 'Your computer\'s time'}
          // The browser's own date picker follows the theme (its icon is dark on dark otherwise).
          sx={(t) => ({ '& input': { colorScheme: t.palette.mode } })}
        />
        {asOf !== '' && <Button onClick={() => setAsOf('')}>Back to now</Button>}
        <Box sx={{ flex: 1 }} />
        {program && (
          <ProgramDaysSetting
            programId={program.id}
            setting="firstSessionDays"
            label="First session due (days)"
            value={program.settings.firstSessionDays}
            onSaved={() => void reload().then(() => due.reload())}
          />
        )}
      </Stack>
      {due.error && <Alert severity="error">{due.error.message}</Alert>}
      {due.data && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2">{items.length === 0
              ? `Nothing due: no session in the next 48 hours, no pair past its cadence${program ? ` or without a first session after ${program.settings.firstSessionDays} days` : ''}, no stuck goal.`
              : `${items.length} due:`}</Typography>
          {items.length > 0 && (Object.keys(KIND) as DueItem['kind'][]).map((k) => <Chip key={k} size="small" variant="outlined" color={KIND[k].color} label={`${KIND[k].label}: ${counts[k]}`} />)}
        </Stack>
      )}
      {items.length > 0 && (
        <TableContainer component={Paper} variant="outlined" sx={{ minHeight: 0, overflow: 'auto' }}>
          <Table size="small" stickyHeader aria-label="Due">
            <TableHead>
              <TableRow>
                <TableCell>What</TableCell>
                <TableCell>Pair</TableCell>
                {scope !== 'cohort' && <TableCell>Cohort</TableCell>}
                <TableCell>Detail</TableCell>
                <TableCell>When</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {paged.shown.map((item) => (
                <TableRow key={`${item.kind}-${item.pairId}-${item.goalId ?? item.sessionId ?? ''}`} hover>
                  <TableCell><Chip size="small" variant="outlined" color={KIND[item.kind].color} label={KIND[item.kind].label} /></TableCell>
                  <TableCell>
                    <Box
                      component="button"
                      type="button"
                      onClick={() => open(item)}
                      aria-label={`${item.menteeName} & ${item.mentorName}: open the pair`}
                      sx={{ all: 'unset', cursor: 'pointer', color: 'primary.main', fontWeight: 500, '&:hover': { textDecoration: 'underline' }, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' } }}
                    >
                      {item.menteeName} & {item.mentorName}
                    </Box>
                  </TableCell>
                  {scope !== 'cohort' && <TableCell>{item.cohortName}</TableCell>}
                  <TableCell>{item.text}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {local(item.at)}
                    <Typography variant="body2" color="text.secondary">
                      {item.kind === 'session-soon' ? 'starts' : item.kind === 'stuck-goal' ? 'last progress' : item.kind === 'past-cadence' ? 'last session' : 'pair started'}
                    </Typography>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <Pager paged={paged} label="Items per page" />
    </Stack>
  );
}
