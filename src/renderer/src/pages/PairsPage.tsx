import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '../api/hooks';
import { api } from '../api/client';
import { useNotify } from '../components/Notifier';
import { Pager, usePaged } from '../components/Pager';
import { useWorkspace } from '../workspace';
import { PairPanel } from '../pairs/PairPanel';
import { CalendarDialog } from '../pairs/CalendarDialog';
import { TrackingActions } from '../checkins/TrackingActions';
import { CloseCohort, CohortSummaryNote } from '../pairs/CloseCohort';
import { clearPendingPair, pendingPair } from '../pairs/open-request';
import { HEALTH_COLOR, HEALTH_LABEL, HEALTH_RANK, dateOf, type Health, type PairHealth } from '../pairs/format';
import { healthFromHash } from '../reports/links';

type Sort = 'health' | 'last-contact' | 'start' | 'mentee';
const SORTS: Record<Sort, { label: string; compare: (a: PairHealth, b: PairHealth) => number }> = {
  health: { label: 'Health, worst first', compare: (a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || b.daysWithout - a.daysWithout },
  'last-contact': { label: 'Longest without a session', compare: (a, b) => b.daysWithout - a.daysWithout },
  start: { label: 'Start', compare: (a, b) => a.startedAt.localeCompare(b.startedAt) },
  mentee: { label: 'Mentee name', compare: (a, b) => a.mentee.name.localeCompare(b.mentee.name) },
};

/** Every active pair of the cohort: cadence, sessions held and expected, last contact, health and its rule. */
export function PairsPage() {
  const { cohort, cohortId } = useWorkspace();
  // The first screen first: the 100 worst pairs (a small answer), then every pair for filters, sorts and pages.
  const head = useQuery('pairs.overview', cohortId ? { cohortId, worstFirst: 100 } : null);
  const overview = useQuery('pairs.overview', cohortId && head.data ? { cohortId } : null);
  const data = overview.data ?? head.data;
  // The dashboard links here with a health filter in the route's query.
  const [health, setHealth] = useState<Health | ''>(() => healthFromHash());
  const [sort, setSort] = useState<Sort>('health');
  // The Due page links here with a pair to open.
  const [openId, setOpenId] = useState<string | null>(pendingPair);
  useEffect(() => clearPendingPair(), []);
  const summary = useQuery('pairs.cohortSummary', cohortId ? { cohortId } : null);
  // No active pair and no summary: either nothing was published yet, or every pair was closed one by one.
  const noneActive = !!cohortId && !!head.data && head.data.total === 0 && summary.data === null;
  const publications = useQuery('pairs.publications', noneActive ? { cohortId: cohortId! } : null);
  const allClosed = noneActive && (publications.data?.length ?? 0) > 0;
  const [calendar, setCalendar] = useState(false);
  const [programCadence, setProgramCadence] = useState<string | null>(null);
  const notify = useNotify();
  const setDefaultCadence = async () => {
    if (!cohort || programCadence === null) return;
    try {
      await api.call('programs.update', { id: cohort.programId, settings: { sessionCadenceDays: Number(programCadence) } });
      setProgramCadence(null);
      await overview.reload();
      notify({ severity: 'success', message: `Program cadence set to ${programCadence} days` });
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };

  const all = data?.pairs ?? [];
  const total = data?.total ?? 0;
  const rows = useMemo(() => all.filter((p) => health === '' || p.health === health).sort(SORTS[sort].compare), [all, health, sort]);
  // A page of rows at a time: 5,000 rendered rows took seconds to first paint (npm run bench:tracking).
  const paged = usePaged(rows, [health, sort, cohortId]);
  const counts = data?.counts ?? { 'on-track': 0, 'needs-attention': 0, 'at-risk': 0 };
  const open = all.find((p) => p.pairId === openId);

  return (
    <Stack spacing={2} sx={{ minHeight: 0 }}>
      <Typography variant="h5" component="h1">Pairs</Typography>
      {!cohortId && <Alert severity="info">Choose or create a cohort first.</Alert>}
      {(overview.error ?? head.error) && <Alert severity="error">{(overview.error ?? head.error)!.message}</Alert>}
      {summary.data && <CohortSummaryNote summary={summary.data} />}
      {allClosed && cohort && (
        <Alert severity="info" action={<CloseCohort cohort={cohort} activePairs={0} onClosed={() => void Promise.all([overview.reload(), summary.reload()])} />}>
          Every pair of {cohort.name} is closed: close the cohort to keep its summary.
        </Alert>
      )}
      {data && total === 0 && !summary.data && publications.data && !allClosed && (
        <Alert severity="info">No active pairs in {cohort?.name ?? 'this cohort'} yet: publish a run on the Matching page.</Alert>
      )}
      {total > 0 && (
        <>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="body2">{total} active pairs · program cadence {data!.defaultCadenceDays} days</Typography>
            {(['on-track', 'needs-attention', 'at-risk'] as const).map((h) => (
              <Chip key={h} size="small" variant="outlined" color={HEALTH_COLOR[h]} label={`${HEALTH_LABEL[h]}: ${counts[h]}`} />
            ))}
          </Stack>
          <Stack direction="row" spacing={2}>
            <TextField select size="small" label="Health" value={health} onChange={(e) => setHealth(e.target.value as Health | '')} sx={{ minWidth: 170 }} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
              <MenuItem value="">All</MenuItem>
              {(['at-risk', 'needs-attention', 'on-track'] as const).map((h) => <MenuItem key={h} value={h}>{HEALTH_LABEL[h]}</MenuItem>)}
            </TextField>
            <TextField select size="small" label="Sort by" value={sort} onChange={(e) => setSort(e.target.value as Sort)} sx={{ minWidth: 220 }}>
              {Object.entries(SORTS).map(([value, s]) => <MenuItem key={value} value={value}>{s.label}</MenuItem>)}
            </TextField>
            <TextField
              size="small"
              type="number"
              label="Program cadence (days)"
              value={programCadence ?? String(data!.defaultCadenceDays)}
              onChange={(e) => setProgramCadence(e.target.value)}
              sx={{ width: 190 }}
            />
            {programCadence !== null && <Button onClick={() => void setDefaultCadence()}>Set for the program</Button>}
            <Box sx={{ flex: 1 }} />
            {cohortId && <TrackingActions cohortId={cohortId} cohortName={cohort?.name ?? 'the cohort'} onChanged={() => void overview.reload()} />}
            <Button variant="outlined" onClick={() => setCalendar(true)}>Planned sessions (.ics)</Button>
            {cohort && <CloseCohort cohort={cohort} activePairs={total} onClosed={() => void Promise.all([overview.reload(), summary.reload()])} />}
          </Stack>
          <TableContainer component={Paper} variant="outlined" sx={{ minHeight: 0, overflow: 'auto' }}>
            <Table size="small" stickyHeader aria-label="Active pairs">
              <TableHead>
                <TableRow>
                  <TableCell>Mentee</TableCell>
                  <TableCell>Mentor</TableCell>
                  <TableCell>Started</TableCell>
                  <TableCell align="right">Cadence</TableCell>
                  <TableCell align="right">Held / expected</TableCell>
                  <TableCell>Last contact</TableCell>
                  <TableCell>Goals</TableCell>
                  <TableCell>Rating</TableCell>
                  <TableCell>Health</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {paged.shown.map((p) => (
                  <TableRow key={p.pairId} hover onClick={() => setOpenId(p.pairId)} sx={{ cursor: 'pointer' }}>
                    <TableCell>
                      <Box component="button" type="button" onClick={() => setOpenId(p.pairId)} sx={{ all: 'unset', cursor: 'pointer', fontWeight: 500, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' } }}>
                        {p.mentee.name}
                      </Box>
                      <Typography variant="body2" color="text.secondary" data-zone="mentee">{p.mentee.timezone ?? 'no time zone'}</Typography>
                    </TableCell>
                    <TableCell>
                      {p.mentor.name}
                      <Typography variant="body2" color="text.secondary" data-zone="mentor">{p.mentor.timezone ?? 'no time zone'}</Typography>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateOf(p.startedAt)}</TableCell>
                    <TableCell align="right">{p.cadenceDays} d{p.cadenceIsDefault ? '' : ' (own)'}</TableCell>
                    <TableCell align="right">{p.held} / {p.expected}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {p.lastContact ? dateOf(p.lastContact) : 'none yet'}
                      {p.lastContact && <Typography variant="body2" color="text.secondary">{p.daysWithout} d ago</Typography>}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {p.goalsTotal === 0 ? '—' : `${p.goalsReached} / ${p.goalsTotal} reached`}
                      {p.goalsStuck > 0 && <Typography variant="body2" color="warning.main">{p.goalsStuck} stuck</Typography>}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }} data-rating={p.latestRating?.rating ?? ''}>
                      {p.latestRating ? `${p.latestRating.rating} / 5` : '—'}
                      {p.latestRating && <Typography variant="body2" color="text.secondary">{p.latestRating.side}, {dateOf(p.latestRating.ratedAt)}</Typography>}
                    </TableCell>
                    <TableCell sx={{ minWidth: 200 }}>
                      <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                        <Chip size="small" label={HEALTH_LABEL[p.health]} color={HEALTH_COLOR[p.health]} />
                        <Typography variant="body2" color="text.secondary">{p.rule}</Typography>
                      </Stack>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <Pager paged={paged} label="Pairs per page" />
        </>
      )}
      {calendar && cohortId && <CalendarDialog target={{ cohortId }} what={`Every planned session of ${cohort?.name ?? 'the cohort'}`} onClose={() => setCalendar(false)} />}
      {open && data && (
        <PairPanel pair={open} defaultCadence={data.defaultCadenceDays} onClose={() => setOpenId(null)} onChanged={() => void overview.reload()} />
      )}
    </Stack>
  );
}
