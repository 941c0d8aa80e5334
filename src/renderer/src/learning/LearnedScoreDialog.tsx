import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography, useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { MethodOutput } from '../api/client';

type Status = MethodOutput<'learning.status'>;
type Model = NonNullable<Status['model']>;

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const two = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const points = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} points`);

/** Each criterion's share of the learned score: a chart, and the same figures in words beside it. */
function Effects({ model }: { model: Model }) {
  const theme = useTheme();
  const data = model.effects.map((e) => ({ label: e.label, share: Math.round(e.share * 100) }));
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'center' }}>
      <Box sx={{ width: 300, height: 170, flexShrink: 0 }} role="img" aria-label="Each criterion's share of the learned score (the list beside gives the figures)">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11, fill: theme.palette.text.secondary }} />
            <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12, fill: theme.palette.text.primary }} />
            <Bar dataKey="share" fill={theme.palette.primary.main} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <Box component="ul" sx={{ m: 0, pl: 2 }} aria-label="Share of the learned score">
        {model.effects.map((e) => (
          <Typography component="li" variant="body2" key={e.criterion}>
            {e.label}: <strong>{pct(e.share)}</strong>
          </Typography>
        ))}
      </Box>
    </Stack>
  );
}

function Evaluation({ model }: { model: Model }) {
  const e = model.evaluation;
  const rows: [string, string, string][] = [
    ['AUC (chance a good pair outranks a poor one)', two(e.learned.auc), two(e.hand.auc)],
    ['Top fifth of pairs rated good (precision@20%)', pct(e.learned.precisionAtK), pct(e.hand.precisionAtK)],
    // In percentage points, like the shares around it: "0.17" read as a bare number says nothing.
    ['Calibration error (mean gap between predicted and observed chance of a good pair)', points(e.learned.calibrationError), points(e.hand.calibrationError)],
  ];
  return (
    <Box>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Learned from {e.trainPairs} rated pairs in {e.trainCohorts} earlier cohort{e.trainCohorts === 1 ? '' : 's'}, then tested on the {e.testPairs} rated pairs of{' '}
        <strong>{e.testCohortName}</strong>, which it had not seen ({pct(e.baseRate)} of them were rated 4 or 5).
      </Typography>
      <Table size="small" aria-label="Held-out evaluation">
        <TableHead>
          <TableRow>
            <TableCell>On {e.testCohortName}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>Learned score</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>Hand-set weights</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(([label, learned, hand]) => (
            <TableRow key={label}>
              <TableCell>{label}</TableCell>
              <TableCell align="right">{learned}</TableCell>
              <TableCell align="right">{hand}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
        AUC gain {e.aucGain.estimate.toFixed(2)}, 90% interval {e.aucGain.low.toFixed(2)} to {e.aucGain.high.toFixed(2)}. Only pairs that were made have ratings: this shows
        which score ranks the realised pairs better, not how pairs that were never made would have gone.
      </Typography>
    </Box>
  );
}

/** What the program's learned score learned, its evidence, and the actions to (re)train it. */
export function LearnedScoreDialog(props: {
  open: boolean;
  onClose: () => void;
  status: Status | undefined;
  busy: boolean;
  onTrain: () => void;
  /** Offered in the sample program only: add its two rated past cohorts. */
  onLoadSampleHistory?: () => void;
}) {
  const { status, busy } = props;
  const model = status?.model ?? null;
  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="md" fullWidth aria-labelledby="learned-score-title">
      <DialogTitle id="learned-score-title">Learned from past feedback</DialogTitle>
      <DialogContent dividers>
        {!status ? (
          <Typography>Loading…</Typography>
        ) : (
          <Stack spacing={2}>
            <Typography variant="body2" color="text.secondary">
              Pairwise learns which criteria predicted a pair rated 4 or 5 in this program, from its rated pairs ({status.ratedPairs} in {status.ratedCohorts} cohort
              {status.ratedCohorts === 1 ? '' : 's'}), and tests that on the latest rated cohort, which it does not learn from, before you use it. Anonymous survey answers are never used.
            </Typography>
            {model ? (
              <>
                <Alert severity={model.evaluation.recommended ? 'success' : 'warning'}>
                  <strong>{model.evaluation.recommended ? 'Recommended. ' : 'Not recommended. '}</strong>
                  {model.evaluation.verdict}
                </Alert>
                <Typography variant="subtitle2" component="h3">
                  What was learned (version {model.version}, {model.trainedAt.slice(0, 10)})
                </Typography>
                <Typography variant="body2">{model.summary}</Typography>
                <Effects model={model} />
                <Typography variant="subtitle2" component="h3">Evidence</Typography>
                <Evaluation model={model} />
              </>
            ) : (
              <Alert severity="info">{status.ready ? 'There is enough evidence: learn a score to see what predicted good pairs.' : status.reason}</Alert>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {props.onLoadSampleHistory && !status?.ready && (
          <Button onClick={props.onLoadSampleHistory} disabled={busy}>Add the sample's rated past cohorts</Button>
        )}
        <Box sx={{ flex: 1 }} />
        <Button onClick={props.onClose}>Close</Button>
        <Button variant="contained" onClick={props.onTrain} disabled={busy || !status?.ready}>
          {model ? 'Learn again' : 'Learn from past feedback'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
