import { Box, Paper, Typography, useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Member, Run } from './types';

function ChartCard({ title, data, x, y, label }: { title: string; data: Record<string, number | string>[]; x: string; y: string; label: string }) {
  const theme = useTheme();
  return (
    <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 280 }} role="figure" aria-label={title}>
      <Typography variant="subtitle2" sx={{ mb: 1 }}>{title}</Typography>
      <Box sx={{ height: 200 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
            <XAxis dataKey={x} tick={{ fontSize: 11, fill: theme.palette.text.secondary }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: theme.palette.text.secondary }} />
            <Tooltip contentStyle={{ background: theme.palette.background.paper, border: `1px solid ${theme.palette.divider}` }} />
            <Bar dataKey={y} name={label} fill={theme.palette.primary.main} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </Paper>
  );
}

/** Score distribution, mentor load and time-zone spread of a run. */
export function Charts({ run, members }: { run: Run; members: Member[] }) {
  const assignments = run.result.assignments;
  const scores = Array.from({ length: 10 }, (_, i) => ({ range: `${(i / 10).toFixed(1)}`, pairs: 0 }));
  for (const a of assignments) scores[Math.min(9, Math.floor(a.score * 10))]!.pairs += 1;

  const load = new Map<string, number>();
  for (const a of assignments) load.set(a.mentorId, (load.get(a.mentorId) ?? 0) + 1);
  const mentors = members.filter((m) => m.role === 'mentor');
  const maxLoad = Math.max(1, ...mentors.map((m) => load.get(m.id) ?? 0));
  const loadBins = Array.from({ length: maxLoad + 1 }, (_, k) => ({ mentees: String(k), mentors: mentors.filter((m) => (load.get(m.id) ?? 0) === k).length }));

  const tz = Array.from({ length: 13 }, (_, h) => ({ hours: String(h), pairs: 0 }));
  for (const a of assignments) if (a.tzDiffHours !== null) tz[Math.min(12, Math.round(a.tzDiffHours))]!.pairs += 1;

  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <ChartCard title="Score distribution" data={scores} x="range" y="pairs" label="Pairs" />
      <ChartCard title="Mentor load (mentees per mentor)" data={loadBins} x="mentees" y="mentors" label="Mentors" />
      <ChartCard title="Time-zone difference (hours)" data={tz} x="hours" y="pairs" label="Pairs" />
    </Box>
  );
}
