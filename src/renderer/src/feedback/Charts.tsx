import { Box, Paper, Stack, Table, TableBody, TableCell, TableRow, Typography, useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** A distribution as a bar chart with the numbers beside it, so nothing is read off bar heights alone. */
export function DistributionChart({ title, data, unit }: { title: string; data: { label: string; count: number }[]; unit: string }) {
  const theme = useTheme();
  const total = data.reduce((s, d) => s + d.count, 0);
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'stretch', flexWrap: 'wrap' }} role="figure" aria-label={title}>
      <Box sx={{ flex: '1 1 260px', height: 160, minWidth: 220 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: -20 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: theme.palette.text.secondary }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: theme.palette.text.secondary }} />
            <Tooltip contentStyle={{ background: theme.palette.background.paper, border: `1px solid ${theme.palette.divider}`, color: theme.palette.text.primary }} />
            <Bar dataKey="count" name={unit} fill={theme.palette.primary.main} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <Table size="small" aria-label={`${title}: numbers`} sx={{ width: 'auto', minWidth: 160, '& td': { py: 0.25 } }}>
        <TableBody>
          {data.map((d) => (
            <TableRow key={d.label}>
              <TableCell sx={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={d.label}>{d.label}</TableCell>
              <TableCell align="right">{d.count}</TableCell>
              <TableCell align="right" sx={{ color: 'text.secondary' }}>{total > 0 ? `${Math.round((d.count / total) * 100)}%` : ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}

/** One headline figure. */
export function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1, minWidth: 140 }}>
      <Typography variant="caption" color="text.secondary">{label}</Typography>
      <Typography variant="h6" component="p">{value}</Typography>
      {hint && <Typography variant="caption" color="text.secondary">{hint}</Typography>}
    </Paper>
  );
}
