import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography, useTheme } from '@mui/material';
import { CartesianGrid, LabelList, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { MethodOutput } from '../api/client';
import { NumberLink } from './NumberLink';
import { feedbackLink, goalsLink } from './links';

type Dashboard = MethodOutput<'reports.dashboard'>;
const month = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** What the goals and feedback work record: goal progress, satisfaction over time, closed surveys. */
export function OutcomesSection({ d }: { d: Dashboard }) {
  const theme = useTheme();
  const data = d.satisfaction.map((m) => ({ ...m, label: month(m.month) }));
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <Paper variant="outlined" sx={{ p: 2, flex: '1 1 300px' }} component="section" aria-labelledby="goals-title">
        <Typography id="goals-title" variant="h6" component="h2">Goals</Typography>
        {d.goals === null ? (
          <Typography variant="body2" color="text.secondary">No pair has goals yet.</Typography>
        ) : (
          <Table size="small" aria-label="Goals">
            <TableBody>
              {([
                ['Set', d.goals.total],
                ['Reached', d.goals.reached],
                ['Stuck', d.goals.stuck],
                ['Pairs with goals', d.goals.pairsWithGoals],
              ] as const).map(([label, n]) => (
                <TableRow key={label}>
                  <TableCell>{label}</TableCell>
                  <TableCell align="right"><NumberLink href={goalsLink} label={`${n} goals ${label.toLowerCase()}: open the goals`}>{n}</NumberLink></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
      <Paper variant="outlined" sx={{ p: 2, flex: '2 1 420px' }} component="section" aria-labelledby="satisfaction-title">
        <Typography id="satisfaction-title" variant="h6" component="h2">Satisfaction over time</Typography>
        {data.length === 0 ? (
          <Typography variant="body2" color="text.secondary">No pair has rated its match yet: import ratings on the Feedback page.</Typography>
        ) : (
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <Box sx={{ flex: '1 1 260px', height: 170 }} aria-hidden>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart accessibilityLayer={false} data={data} margin={{ top: 18, right: 16, bottom: 4, left: -20 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                  <XAxis dataKey="label" padding={{ left: 28, right: 28 }} tick={{ fontSize: 11, fill: theme.palette.text.secondary }} />
                  <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} tick={{ fontSize: 11, fill: theme.palette.text.secondary }} />
                  <Line dataKey="averageMatch" stroke={theme.palette.primary.main} strokeWidth={2} isAnimationActive={false}>
                    <LabelList dataKey="averageMatch" position="top" style={{ fontSize: 11, fill: theme.palette.text.primary }} />
                  </Line>
                </LineChart>
              </ResponsiveContainer>
            </Box>
            <Table size="small" aria-label="Satisfaction by month" sx={{ flex: '1 1 200px', width: 'auto' }}>
              <TableHead>
                <TableRow>
                  <TableCell>Month</TableCell>
                  <TableCell align="right">Ratings</TableCell>
                  <TableCell align="right">Average (1–5)</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((m) => (
                  <TableRow key={m.month}>
                    <TableCell>{m.label}</TableCell>
                    <TableCell align="right"><NumberLink href={feedbackLink} label={`${m.ratings} ratings in ${m.label}: open the feedback`}>{m.ratings}</NumberLink></TableCell>
                    <TableCell align="right">{m.averageMatch.toFixed(2)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </Paper>
      <Paper variant="outlined" sx={{ p: 2, flex: '1 1 100%' }} component="section" aria-labelledby="surveys-title">
        <Typography id="surveys-title" variant="h6" component="h2">Survey results</Typography>
        {d.surveys.length === 0 ? (
          <Typography variant="body2" color="text.secondary">No closed survey yet. The report carries each closed survey's results, with the anonymity rules applied.</Typography>
        ) : (
          <Table size="small" aria-label="Closed surveys">
            <TableHead>
              <TableRow>
                <TableCell>Survey</TableCell>
                <TableCell align="right">Answered</TableCell>
                <TableCell align="right">Invited</TableCell>
                <TableCell align="right">Rate</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {d.surveys.map((s) => (
                <TableRow key={s.surveyId}>
                  <TableCell>{s.title}{s.shown ? '' : ' (results hidden: too few answers)'}</TableCell>
                  <TableCell align="right">{s.respondents === null ? '—' : <NumberLink href={feedbackLink} label={`${s.respondents} answered ${s.title}: open the feedback`}>{s.respondents}</NumberLink>}</TableCell>
                  <TableCell align="right">{s.invited}</TableCell>
                  <TableCell align="right">{s.rate === null ? '—' : `${s.rate}%`}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
    </Box>
  );
}
