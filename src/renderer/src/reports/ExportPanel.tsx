import { useState } from 'react';
import { Button, Checkbox, FormControlLabel, LinearProgress, Paper, Stack, TextField, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import { api } from '../api/client';
import { downloadFile } from '../components/download';
import { useNotify } from '../components/Notifier';

const ORG_KEY = 'pairwise.reports.organisation';

interface Filter {
  cohortId: string;
  from?: string;
  to?: string;
  department?: string;
}

/** The progress report as PDF, Excel or CSV for the dashboard's filters, and everyone's certificates. */
export function ExportPanel({ filter, onSaved }: { filter: Filter; onSaved: () => void }) {
  const notify = useNotify();
  const [organisation, setOrganisation] = useState(() => localStorage.getItem(ORG_KEY) ?? '');
  const [includeNames, setIncludeNames] = useState(false);
  const [leaderboard, setLeaderboard] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (what: string, work: () => Promise<{ fileName: string; mimeType: string; dataBase64: string }>) => {
    setBusy(what);
    try {
      localStorage.setItem(ORG_KEY, organisation);
      const file = await work();
      downloadFile(file);
      notify({ severity: 'success', message: `Saved ${file.fileName}` });
      onSaved();
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };
  const report = (format: 'pdf' | 'xlsx' | 'csv') =>
    run(format.toUpperCase(), () => api.call('reports.export', { filter, options: { format, organisation, includeNames, leaderboard, keepSnapshot: true } }));

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="export-title">
      <Typography id="export-title" variant="h6" component="h2">Progress report</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        The report has the figures above for the same filters, with the change since the last report. Pairs at risk are counted, not named, unless you tick the box.
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField size="small" label="Organisation (on the cover)" value={organisation} onChange={(e) => setOrganisation(e.target.value)} sx={{ minWidth: 260 }} />
        <FormControlLabel control={<Checkbox checked={includeNames} onChange={(e) => setIncludeNames(e.target.checked)} />} label="Include names of pairs at risk" />
        <FormControlLabel control={<Checkbox checked={leaderboard} onChange={(e) => setLeaderboard(e.target.checked)} />} label="Add the leaderboard" />
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1.5, flexWrap: 'wrap' }}>
        <Button variant="contained" startIcon={<DownloadIcon />} disabled={busy !== null} onClick={() => void report('pdf')}>Report (PDF)</Button>
        <Button variant="outlined" disabled={busy !== null} onClick={() => void report('xlsx')}>Excel</Button>
        <Button variant="outlined" disabled={busy !== null} onClick={() => void report('csv')}>CSV</Button>
        <Button
          variant="outlined"
          disabled={busy !== null}
          onClick={() => void run('certificates', () => api.call('reports.certificates', { cohortId: filter.cohortId, organisation, signatory: '' }))}
        >
          Certificates (all, PDF)
        </Button>
      </Stack>
      {busy && <LinearProgress sx={{ mt: 1.5 }} aria-label={`Making the ${busy}`} />}
    </Paper>
  );
}
