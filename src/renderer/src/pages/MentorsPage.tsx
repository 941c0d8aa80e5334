import { useMemo, useState } from 'react';
import { Alert, Chip, LinearProgress, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Tooltip, Typography } from '@mui/material';
import { useQuery } from '../api/hooks';
import type { MethodOutput } from '../api/client';
import { useWorkspace } from '../workspace';
import { HEALTH_COLOR, HEALTH_LABEL } from '../pairs/format';

type Mentor = MethodOutput<'mentors.overview'>['mentors'][number];
type Sort = 'name' | 'load' | 'attention' | 'sessions';
const SORTS: Record<Sort, { label: string; compare: (a: Mentor, b: Mentor) => number }> = {
  name: { label: 'Name', compare: (a, b) => a.name.localeCompare(b.name) },
  load: { label: 'Load, highest first', compare: (a, b) => (b.load ?? -1) - (a.load ?? -1) || a.name.localeCompare(b.name) },
  attention: { label: 'Pairs needing attention', compare: (a, b) => b.pairsNeedingAttention - a.pairsNeedingAttention || a.name.localeCompare(b.name) },
  sessions: { label: 'Sessions held, fewest first', compare: (a, b) => a.sessionsHeld - b.sessionsHeld || a.name.localeCompare(b.name) },
};

/** Per mentor of the cohort: pairs and their health, sessions held, goals reached, load; ratings once feedback exists. */
export function MentorsPage() {
  const { cohort, cohortId } = useWorkspace();
  const overview = useQuery('mentors.overview', cohortId ? { cohortId } : null);
  // Recognition earned from recorded facts (reports/badges): shown per mentor here, and in reports.
  const badges = useQuery('reports.badges', cohortId ? { cohortId } : null);
  const badgesOf = useMemo(() => {
    const by = new Map<string, { kind: string; label: string }[]>();
    for (const b of badges.data ?? []) by.set(b.memberId, [...(by.get(b.memberId) ?? []), b]);
    // The session ladder shows its highest step only: "10 sessions held" says "first session" too.
    const ladder = ['sessions-10', 'sessions-5', 'first-session'];
    return new Map(
      [...by].map(([id, list]) => {
        const top = ladder.find((k) => list.some((b) => b.kind === k));
        return [id, list.filter((b) => !ladder.includes(b.kind) || b.kind === top).map((b) => b.label)];
      }),
    );
  }, [badges.data]);
  const [sort, setSort] = useState<Sort>('name');
  const mentors = overview.data?.mentors ?? [];
  const rows = useMemo(() => [...mentors].sort(SORTS[sort].compare), [mentors, sort]);
  const paired = mentors.filter((m) => m.mentees > 0).length;

  return (
    <Stack spacing={2} sx={{ minHeight: 0 }}>
      <Typography variant="h5" component="h1">Mentors</Typography>
      {!cohortId && <Alert severity="info">Choose or create a cohort first.</Alert>}
      {overview.error && <Alert severity="error">{overview.error.message}</Alert>}
      {overview.data && mentors.length === 0 && <Alert severity="info">{cohort?.name ?? 'This cohort'} has no mentors yet.</Alert>}
      {mentors.length > 0 && (
        <>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" sx={{ flex: 1 }}>
              {mentors.length} mentors · {paired} with active pairs · {mentors.reduce((n, m) => n + m.sessionsHeld, 0)} sessions held · {mentors.reduce((n, m) => n + m.goalsReached, 0)} goals reached
            </Typography>
            <TextField select size="small" label="Sort by" value={sort} onChange={(e) => setSort(e.target.value as Sort)} sx={{ minWidth: 240 }}>
              {Object.entries(SORTS).map(([value, s]) => <MenuItem key={value} value={value}>{s.label}</MenuItem>)}
            </TextField>
          </Stack>
          {/* Focusable so the keyboard can scroll it: the table has nothing else to focus. */}
          <TableContainer component={Paper} variant="outlined" sx={{ minHeight: 0, overflow: 'auto' }} tabIndex={0} role="region" aria-label="Mentors of the cohort">
            <Table size="small" stickyHeader aria-label="Mentors">
              <TableHead>
                <TableRow>
                  <TableCell>Mentor</TableCell>
                  <TableCell>Pairs</TableCell>
                  <TableCell align="right">Sessions held</TableCell>
                  <TableCell align="right">Goals reached</TableCell>
                  <TableCell sx={{ minWidth: 120 }}>Load</TableCell>
                  <TableCell>Rating</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((m) => (
                  <TableRow key={m.memberId} hover>
                    <TableCell>
                      {m.name}
                      {/* Addresses break anywhere: unbroken, they pushed the rating column out of a 1024 px window. */}
                      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>{m.email}</Typography>
                      {(badgesOf.get(m.memberId) ?? []).length > 0 && (
                        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }} aria-label={`Badges of ${m.name}`}>
                          {badgesOf.get(m.memberId)!.map((label) => <Chip key={label} size="small" variant="outlined" color="secondary" label={label} />)}
                        </Stack>
                      )}
                    </TableCell>
                    <TableCell>
                      {m.pairs.length === 0 ? (
                        <Typography variant="body2" color="text.secondary">No active pair</Typography>
                      ) : (
                        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                          {m.pairs.map((p) => (
                            <Stack key={p.pairId} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                              <Typography variant="body2">{p.menteeName}</Typography>
                              <Chip size="small" variant="outlined" color={HEALTH_COLOR[p.health]} label={HEALTH_LABEL[p.health]} />
                            </Stack>
                          ))}
                        </Stack>
                      )}
                    </TableCell>
                    <TableCell align="right">{m.sessionsHeld}</TableCell>
                    <TableCell align="right">{m.goalsReached} / {m.goalsTotal}</TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                        <LinearProgress
                          variant="determinate"
                          value={Math.min(100, (m.load ?? 0) * 100)}
                          color={m.load !== null && m.load > 1 ? 'error' : 'primary'}
                          sx={{ flex: 1, height: 6, borderRadius: 3 }}
                          aria-label={`Load of ${m.name}`}
                        />
                        <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>{m.mentees} / {m.capacity}</Typography>
                      </Stack>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {m.averageRating === null ? (
                        <Tooltip title="Ratings appear once feedback is collected">
                          <Typography variant="body2" color="text.secondary">No ratings yet</Typography>
                        </Tooltip>
                      ) : (
                        <Typography variant="body2">{m.averageRating.toFixed(1)} / 5 avg{m.latestRating !== null ? ` · latest ${m.latestRating} / 5` : ''}</Typography>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </Stack>
  );
}
