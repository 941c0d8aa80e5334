import { Alert, Chip, Divider, List, ListItem, ListItemText, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { MethodOutput } from '../api/client';
import { DistributionChart, Figure } from './Charts';

type Results = MethodOutput<'feedback.results'>;
type Breakdown = Results['responseRates'][number];

const ATTRIBUTE: Record<string, string> = { role: 'role', department: 'department', team: 'team' };

function hiddenLabel(reason: string | null, k: number) {
  return reason === 'complement' ? 'hidden: would reveal a smaller group' : `hidden: fewer than ${k}`;
}

/** A breakdown as a table: each group's figure, or "hidden" with why. */
function BreakdownTable({ breakdown, k, figure }: { breakdown: Breakdown; k: number; figure: 'rate' | 'mean' | 'nps' }) {
  return (
    <TableContainer>
      <Table size="small" aria-label={`By ${ATTRIBUTE[breakdown.attribute]}`}>
        <TableHead>
          <TableRow>
            <TableCell>By {ATTRIBUTE[breakdown.attribute]}</TableCell>
            {figure === 'rate' && <TableCell align="right">Invited</TableCell>}
            <TableCell align="right">Answers</TableCell>
            <TableCell align="right">{figure === 'rate' ? 'Response rate' : figure === 'nps' ? 'NPS' : 'Mean'}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {breakdown.groups.map((g) => (
            <TableRow key={g.label} data-hidden={g.hidden ? 'true' : 'false'}>
              <TableCell>{g.label}</TableCell>
              {figure === 'rate' && <TableCell align="right">{g.invited ?? '—'}</TableCell>}
              {g.hidden ? (
                <TableCell colSpan={2} align="right">
                  {/* The label wraps: why a group is hidden must stay readable in a narrow window, not scroll out of sight. */}
                  <Chip size="small" variant="outlined" label={hiddenLabel(g.reason, k)} sx={{ height: 'auto', maxWidth: '100%', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } }} />
                </TableCell>
              ) : (
                <>
                  <TableCell align="right">{g.count}</TableCell>
                  <TableCell align="right">{figure === 'rate' ? (g.rate === null ? '—' : `${g.rate}%`) : figure === 'nps' ? (g.nps ?? '—') : (g.mean ?? '—')}</TableCell>
                </>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** A closed survey's results, every anonymity rule already applied by the core (surveyResults). */
export function SurveyResultsView({ results }: { results: Results }) {
  const { survey, k } = results;
  if (!results.shown) return <Alert severity="info" aria-label="Results not shown">{results.notice}</Alert>;
  return (
    <Stack spacing={2} aria-label="Survey results">
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Figure label="Answers" value={String(results.respondents)} hint={`of ${results.invited} invited`} />
        <Figure label="Response rate" value={results.rate === null ? '—' : `${results.rate}%`} />
        <Figure label="Minimum group size" value={String(k)} hint="smaller groups are hidden" />
      </Stack>
      {results.responseRates.map((b) => (
        <Paper key={b.attribute} variant="outlined" sx={{ p: 1 }}>
          <BreakdownTable breakdown={b} k={k} figure="rate" />
        </Paper>
      ))}
      {results.questions.map((q, index) => (
        <Paper key={q.id} variant="outlined" sx={{ p: 2 }} component="section" aria-label={q.text}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {index + 1}. {q.text}
          </Typography>
          {q.answered === null ? (
            <Typography color="text.secondary">Hidden: fewer than {k} answers to this question.</Typography>
          ) : (
            <Stack spacing={1.5}>
              <Typography variant="body2" color="text.secondary">
                {q.answered} answers
                {q.mean !== null && ` · mean ${q.mean}`}
                {q.nps && ` · NPS ${q.nps.score} (${q.nps.promoters} promoters, ${q.nps.passives} passives, ${q.nps.detractors} detractors)`}
              </Typography>
              {q.distribution && <DistributionChart title={q.text} data={q.distribution} unit="Answers" />}
              {q.byGroup.map((b) => <BreakdownTable key={b.attribute} breakdown={b} k={k} figure={q.type === 'nps' ? 'nps' : 'mean'} />)}
              {q.type === 'text' && (
                <>
                  <Typography variant="body2" color="text.secondary">
                    Comments in random order, without dates; participants’ names show as [name].
                  </Typography>
                  <Divider />
                  <List dense aria-label={`Comments: ${q.text}`} tabIndex={0} sx={{ maxHeight: 320, overflow: 'auto' }}>
                    {q.comments.map((c, i) => (
                      <ListItem key={i} divider>
                        <ListItemText primary={c} />
                      </ListItem>
                    ))}
                  </List>
                </>
              )}
            </Stack>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
