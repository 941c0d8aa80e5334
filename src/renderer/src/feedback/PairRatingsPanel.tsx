import { useState } from 'react';
import { Alert, Box, Button, Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useNotify } from '../components/Notifier';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import { api } from '../api/client';
import { useQuery } from '../api/hooks';
import { AnswersImportDialog } from '../forms/AnswersImportDialog';
import { ProblemList } from '../import/ImportTables';
import { DistributionChart, Figure } from './Charts';

/** Pair feedback (attributed): the cohort's ratings, by mentor, and the low ones to follow up. */
export function PairRatingsPanel({ cohortId, cohortName, programId }: { cohortId: string; cohortName: string; programId: string }) {
  const summary = useQuery('feedback.pairRatings', { cohortId });
  const [importing, setImporting] = useState(false);
  const notify = useNotify();
  const setThreshold = async (value: number) => {
    try {
      await api.call('programs.update', { id: programId, settings: { lowRatingThreshold: value } });
      notify({ message: `Pairs whose latest rating is below ${value} are now at risk.`, severity: 'success' });
      await summary.reload();
    } catch (e) {
      notify({ message: (e as Error).message, severity: 'error' });
    }
  };
  const s = summary.data;
  return (
    <Stack spacing={2} component="section" aria-label="Pair ratings">
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" sx={{ whiteSpace: 'nowrap' }}>Pair ratings</Typography>
        <Chip size="small" color="warning" label="Attributed: each rating is kept with its pair and person" />
        <Box sx={{ flex: 1 }} />
        {s && (
          <TextField select size="small" label="At risk below" value={s.threshold} onChange={(e) => void setThreshold(Number(e.target.value))} sx={{ width: 150 }} helperText="for the program">
            {[1, 2, 3, 4, 5].map((n) => <MenuItem key={n} value={n}>{n} / 5</MenuItem>)}
          </TextField>
        )}
        <Button variant="contained" startIcon={<UploadIcon />} onClick={() => setImporting(true)} sx={{ whiteSpace: 'nowrap' }}>Import pair ratings</Button>
      </Stack>
      {summary.error && <Alert severity="error">{summary.error.message}</Alert>}
      {s && s.ratings === 0 && <Alert severity="info">No pair ratings for {cohortName} yet. Import the pair-feedback form’s export: each row is matched to an active pair by the respondent’s email.</Alert>}
      {s && s.ratings > 0 && (
        <>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Figure label="Ratings" value={String(s.ratings)} />
            <Figure label="Match, average" value={s.averageMatch === null ? '—' : `${s.averageMatch} / 5`} />
            <Figure label="Sessions, average" value={s.averageSession === null ? '—' : `${s.averageSession} / 5`} />
            <Figure label="Would recommend" value={s.recommendShare === null ? '—' : `${s.recommendShare}%`} />
          </Stack>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="subtitle2" sx={{ mb: 1 }}>Ratings of the match</Typography>
            <DistributionChart title="Ratings of the match" data={s.distribution} unit="Ratings" />
          </Paper>
          <Paper variant="outlined" sx={{ p: 1 }}>
            <Typography variant="subtitle2" sx={{ p: 1 }}>Low ratings to follow up (latest rating below {s.threshold})</Typography>
            {s.low.length === 0 ? (
              <Typography sx={{ px: 1, pb: 1 }} color="text.secondary">None.</Typography>
            ) : (
              <Table size="small" aria-label="Low ratings">
                <TableHead>
                  <TableRow><TableCell>Pair</TableCell><TableCell>Rated by</TableCell><TableCell align="right">Match</TableCell><TableCell align="right">Sessions</TableCell><TableCell>Date</TableCell><TableCell>Comment</TableCell></TableRow>
                </TableHead>
                <TableBody>
                  {s.low.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>{r.menteeName} & {r.mentorName}</TableCell>
                      <TableCell>{r.raterName} ({r.side})</TableCell>
                      <TableCell align="right"><Chip size="small" color="error" variant="outlined" label={`${r.matchRating} / 5`} /></TableCell>
                      <TableCell align="right">{r.sessionRating ?? '—'}</TableCell>
                      <TableCell>{r.ratedAt.slice(0, 10)}</TableCell>
                      <TableCell sx={{ maxWidth: 320 }}>{r.comment}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Paper>
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label="Ratings by mentor">
              <TableHead>
                <TableRow><TableCell>Mentor</TableCell><TableCell align="right">Pairs rated</TableCell><TableCell align="right">Mentee ratings</TableCell><TableCell align="right">Match</TableCell><TableCell align="right">Sessions</TableCell><TableCell align="right">Would recommend</TableCell></TableRow>
              </TableHead>
              <TableBody>
                {s.byMentor.map((m) => (
                  <TableRow key={m.mentorId}>
                    <TableCell>{m.mentorName}</TableCell>
                    <TableCell align="right">{m.pairs}</TableCell>
                    <TableCell align="right">{m.ratings}</TableCell>
                    <TableCell align="right">{m.averageMatch ?? '—'}</TableCell>
                    <TableCell align="right">{m.averageSession ?? '—'}</TableCell>
                    <TableCell align="right">{m.recommendShare === null ? '—' : `${m.recommendShare}%`}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
      {importing && (
        <AnswersImportDialog
          title={`Import pair ratings into ${cohortName} (attributed)`}
          what="the pair-feedback form's export"
          preview={(file, mapping) => api.call('feedback.previewRatings', { cohortId, ...file, ...(mapping ? { mapping } : {}) })}
          commit={(file, mapping, skipInvalid) => api.call('feedback.importRatings', { cohortId, ...file, mapping, skipInvalid })}
          done={(result) => (
            <Stack spacing={1.5}>
              <Alert severity="success" aria-label="Ratings imported">
                Imported {result.imported} rating{result.imported === 1 ? '' : 's'}{result.replaced > 0 ? `, ${result.replaced} updated` : ''}. A latest rating below {s?.threshold ?? 3} puts a pair at risk on the Pairs page.
              </Alert>
              {result.problems.length > 0 && <ProblemList problems={result.problems} label="Skipped rows and their problems" sx={{ maxHeight: 200 }} />}
            </Stack>
          )}
          onClose={() => setImporting(false)}
          onImported={() => void summary.reload()}
        />
      )}
    </Stack>
  );
}
