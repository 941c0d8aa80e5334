import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography, useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { MethodOutput } from '../api/client';
import { NumberLink } from './NumberLink';
import { mentorsLink, pairsLink } from './links';

type Dashboard = MethodOutput<'reports.dashboard'>;

/** Pairs by health (each count opens those pairs) and mentor load (mentors by active mentees, and the busiest). */
export function HealthMentorsSection({ d }: { d: Dashboard }) {
  const theme = useTheme();
  const color = { 'on-track': theme.palette.success.main, 'needs-attention': theme.palette.warning.main, 'at-risk': theme.palette.error.main };
  const buckets = ['No mentee', '1 mentee', '2 mentees', '3 or more'].map((label) => ({ label, mentors: 0 }));
  for (const m of d.mentors) buckets[Math.min(3, m.mentees)]!.mentors += 1;
  const tick = { fontSize: 11, fill: theme.palette.text.secondary };
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <Paper variant="outlined" sx={{ p: 2, flex: '1 1 380px' }} component="section" aria-labelledby="health-title">
        <Typography id="health-title" variant="h6" component="h2">Pairs by health</Typography>
        <Box sx={{ height: 170 }} aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={d.health} margin={{ top: 18, right: 8, bottom: 4, left: -16 }}>
              <CartesianGrid vertical={false} stroke={theme.palette.divider} />
              <XAxis dataKey="label" tick={tick} />
              <YAxis allowDecimals={false} tick={tick} />
              <Bar dataKey="pairs" isAnimationActive={false}>
                {d.health.map((h) => <Cell key={h.health} fill={color[h.health]} />)}
                <LabelList dataKey="pairs" position="top" style={{ fontSize: 12, fill: theme.palette.text.primary }} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </Box>
        <Table size="small" aria-label="Pairs by health">
          <TableBody>
            {d.health.map((h) => (
              <TableRow key={h.health}>
                <TableCell>
                  <Box component="span" sx={{ display: 'inline-block', width: 10, height: 10, borderRadius: '2px', bgcolor: color[h.health], mr: 1 }} />
                  {h.label}
                </TableCell>
                <TableCell align="right">
                  <NumberLink href={pairsLink(h.health)} label={`${h.pairs} ${h.label.toLowerCase()}: open these pairs`}>{h.pairs}</NumberLink>
                </TableCell>
                <TableCell align="right" sx={{ color: 'text.secondary' }}>{d.activePairs === 0 ? '0%' : `${Math.round((h.pairs / d.activePairs) * 100)}%`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2, flex: '1 1 380px' }} component="section" aria-labelledby="mentors-title">
        <Typography id="mentors-title" variant="h6" component="h2">Mentor load</Typography>
        <Box sx={{ height: 170 }} aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={buckets} margin={{ top: 18, right: 8, bottom: 4, left: -16 }}>
              <CartesianGrid vertical={false} stroke={theme.palette.divider} />
              <XAxis dataKey="label" tick={tick} />
              <YAxis allowDecimals={false} tick={tick} />
              <Bar dataKey="mentors" fill={theme.palette.primary.main} isAnimationActive={false}>
                <LabelList dataKey="mentors" position="top" style={{ fontSize: 12, fill: theme.palette.text.primary }} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </Box>
        <Table size="small" aria-label="Mentor load">
          <TableHead>
            <TableRow>
              <TableCell>Mentors by active mentees</TableCell>
              {buckets.map((b) => <TableCell key={b.label} align="right">{b.label}</TableCell>)}
            </TableRow>
          </TableHead>
          <TableBody>
            <TableRow>
              <TableCell>
                <NumberLink href={mentorsLink} label={`${d.mentors.length} mentors: open the mentors`}>{d.mentors.length}</NumberLink> mentors
              </TableCell>
              {buckets.map((b) => <TableCell key={b.label} align="right">{b.mentors}</TableCell>)}
            </TableRow>
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}
