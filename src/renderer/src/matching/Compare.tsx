import { useState } from 'react';
import { Alert, Box, Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '../api/hooks';
import type { Member, Run, RunSummary } from './types';

const signed = (n: number, digits = 3) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;

export function Compare({ run, runs, members }: { run: Run; runs: RunSummary[]; members: Map<string, Member> }) {
  const others = runs.filter((r) => r.id !== run.id);
  const [otherId, setOtherId] = useState<string>(others[0]?.id ?? '');
  const comparison = useQuery('runs.compare', otherId ? { a: otherId, b: run.id } : null);
  if (others.length === 0) return <Typography color="text.secondary">Run the matching again with other settings to compare two runs.</Typography>;
  const c = comparison.data;
  const name = (id: string | null) => (id ? (members.get(id)?.fullName ?? id) : '—');
  return (
    <Stack spacing={2}>
      <TextField select size="small" label="Compare with" value={otherId} onChange={(e) => setOtherId(e.target.value)} sx={{ maxWidth: 360 }}>
        {others.map((r) => <MenuItem key={r.id} value={r.id}>{r.name} · {r.matched} matched · {r.totalScore.toFixed(2)}</MenuItem>)}
      </TextField>
      {comparison.error && <Alert severity="error">{comparison.error.message}</Alert>}
      {c && (
        <>
          <Stack direction="row" spacing={2} aria-label="Comparison summary">
            <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
              <Typography variant="caption" color="text.secondary">Matched ({c.a.name} → {c.b.name})</Typography>
              <Typography variant="h6">{c.a.matched} → {c.b.matched} <Chip size="small" label={signed(c.delta.matched, 0)} /></Typography>
            </Paper>
            <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
              <Typography variant="caption" color="text.secondary">Total score</Typography>
              <Typography variant="h6">{c.a.totalScore.toFixed(2)} → {c.b.totalScore.toFixed(2)} <Chip size="small" label={signed(c.delta.totalScore)} /></Typography>
            </Paper>
            <Paper variant="outlined" sx={{ p: 2, flex: 1 }}>
              <Typography variant="caption" color="text.secondary">Same pairs</Typography>
              <Typography variant="h6">{c.same} same · {c.differences.length} differ</Typography>
            </Paper>
          </Stack>
          {c.differences.length > 0 && (
            <Box sx={{ maxHeight: 360, overflow: 'auto' }}>
              <Table size="small" stickyHeader aria-label="Pairs that differ">
                <TableHead>
                  <TableRow><TableCell>Mentee</TableCell><TableCell>In {c.a.name}</TableCell><TableCell>In {c.b.name}</TableCell><TableCell align="right">Score change</TableCell></TableRow>
                </TableHead>
                <TableBody>
                  {c.differences.map((d) => (
                    <TableRow key={d.menteeId}>
                      <TableCell>{name(d.menteeId)}</TableCell>
                      <TableCell>{name(d.mentorInA)}</TableCell>
                      <TableCell>{name(d.mentorInB)}</TableCell>
                      <TableCell align="right">{signed((d.scoreInB ?? 0) - (d.scoreInA ?? 0))}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </>
      )}
    </Stack>
  );
}
