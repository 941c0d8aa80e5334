import { Box, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography, useTheme } from '@mui/material';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MethodOutput } from '../api/client';
import { NumberLink } from './NumberLink';
import { pairsLink } from './links';

type Dashboard = MethodOutput<'reports.dashboard'>;
const short = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Sessions held per week (columns) against what the pairs' cadences call for (a line), and the weeks as a table. */
export function SessionsSection({ d }: { d: Dashboard }) {
  const theme = useTheme();
  const data = d.weeks.map((w) => ({ ...w, label: short(w.week) }));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="sessions-title">
      <Typography id="sessions-title" variant="h6" component="h2">Sessions per week</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        <NumberLink href={pairsLink()} label={`${d.sessionsHeld} sessions held: open the pairs`}>{d.sessionsHeld.toLocaleString('en-GB')}</NumberLink> sessions held;
        the pairs' cadences called for {d.sessionsExpected.toLocaleString('en-GB')}.
      </Typography>
      <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
        <Box sx={{ flex: '2 1 420px', height: 260 }} aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 4, left: -12 }}>
              <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
              <XAxis dataKey="label" tick={{ fontSize: 11, fill: theme.palette.text.secondary }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: theme.palette.text.secondary }} />
              <Tooltip contentStyle={{ background: theme.palette.background.paper, border: `1px solid ${theme.palette.divider}`, color: theme.palette.text.primary }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="held" name="Held" fill={theme.palette.primary.main} isAnimationActive={false} />
              <Line dataKey="expected" name="Expected" type="stepAfter" stroke={theme.palette.warning.main} strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </Box>
        <TableContainer sx={{ flex: '1 1 240px', maxHeight: 260 }} tabIndex={0} role="region" aria-label="Sessions per week, table">
          <Table size="small" stickyHeader aria-label="Sessions per week">
            <TableHead>
              <TableRow>
                <TableCell>Week of</TableCell>
                <TableCell align="right">Held</TableCell>
                <TableCell align="right">Expected</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...d.weeks].reverse().map((w) => (
                <TableRow key={w.week}>
                  <TableCell>{short(w.week)}</TableCell>
                  <TableCell align="right">{w.held}</TableCell>
                  <TableCell align="right">{w.expected}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Box>
    </Paper>
  );
}
