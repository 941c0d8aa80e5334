import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography, useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { MethodOutput } from '../api/client';
import { NumberLink } from './NumberLink';
import { pairsLink, participantsLink } from './links';

type Dashboard = MethodOutput<'reports.dashboard'>;
const pct = (n: number) => `${Math.round(n * 100)}%`;

/** Registered → completed: a horizontal bar chart and, beside it, the table of the same numbers. */
export function FunnelSection({ d }: { d: Dashboard }) {
  const theme = useTheme();
  const link = (stage: string) => (stage === 'registered' || stage === 'approved' ? participantsLink : pairsLink());
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="funnel-title">
      <Typography id="funnel-title" variant="h6" component="h2" sx={{ mb: 1 }}>From registration to completion</Typography>
      <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
        <Box sx={{ flex: '1 1 340px', height: 230 }} aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={d.funnel} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 8 }}>
              <CartesianGrid horizontal={false} stroke={theme.palette.divider} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: theme.palette.text.secondary }} />
              <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12, fill: theme.palette.text.primary }} />
              <Bar dataKey="people" fill={theme.palette.primary.main} isAnimationActive={false}>
                <LabelList dataKey="people" position="right" style={{ fontSize: 12, fill: theme.palette.text.primary }} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </Box>
        <Table size="small" aria-label="Funnel" sx={{ flex: '1 1 340px', width: 'auto' }}>
          <TableHead>
            <TableRow>
              <TableCell>Stage</TableCell>
              <TableCell align="right">People</TableCell>
              <TableCell align="right">Mentees</TableCell>
              <TableCell align="right">Mentors</TableCell>
              <TableCell align="right">Of registered</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {d.funnel.map((f) => (
              <TableRow key={f.stage}>
                <TableCell>{f.label}</TableCell>
                <TableCell align="right">
                  <NumberLink href={link(f.stage)} label={`${f.people} ${f.label.toLowerCase()}: open the list`}>{f.people}</NumberLink>
                </TableCell>
                <TableCell align="right">{f.mentees}</TableCell>
                <TableCell align="right">{f.mentors}</TableCell>
                <TableCell align="right">{pct(f.ofRegistered)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Paper>
  );
}
