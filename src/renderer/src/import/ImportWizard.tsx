import { memo, useRef, useState, type DragEvent } from 'react';
import {
  Alert, Box, Button, Checkbox, Chip, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, LinearProgress, List, ListItem,
  MenuItem, Paper, Stack, Step, StepLabel, Stepper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import { api, ApiError, type MethodInput, type MethodOutput } from '../api/client';
import { FIELD_LABELS } from '../../../core/import/fields';

type Preview = MethodOutput<'import.preview'>;
type Summary = MethodOutput<'import.run'>;
type ImportStatus = MethodOutput<'import.status'>;
type Mapping = NonNullable<MethodInput<'import.preview'>['mapping']>;
type Field = NonNullable<Mapping[number]['field']>;

const STEPS = ['Choose file', 'Map columns', 'Preview', 'Done'];

/** Share of the bar each phase fills: writing (one transaction, row by row) is most of an import's time. */
const PHASES = { reading: [0, 0.1], checking: [0.1, 0.25], writing: [0.25, 1] } as const;
const count = (n: number) => n.toLocaleString('en-US');

/** Where an import is, as a percentage for the bar and a sentence for the coordinator. */
function describeProgress({ fileName, progress: { phase, done, total } }: ImportStatus): { percent: number; text: string } {
  const [from, to] = PHASES[phase];
  const percent = Math.round(100 * (from + (to - from) * (total > 0 ? Math.min(1, done / total) : 0)));
  const text =
    phase === 'reading'
      ? `Reading ${fileName}…`
      : phase === 'checking'
        ? `Checking ${count(total)} rows…`
        : `Writing ${count(done)} of ${count(total)} people in one transaction…`;
  return { percent, text };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The first rows with their problems highlighted. Memoised: while an import runs, the progress bar updates
 * several times a second and must not re-render 200 rows of cells each time.
 */
const PreviewRows = memo(function PreviewRows({ preview, mapping }: { preview: Preview; mapping: Mapping }) {
  const problemsByCell = new Map<string, string>();
  for (const p of preview.problems) problemsByCell.set(`${p.line}:${preview.headers.indexOf(p.column)}`, p.message);
  const invalid = new Set(preview.invalidLines);
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 320 }}>
      <Table size="small" stickyHeader aria-label="Preview">
        <TableHead>
          <TableRow>
            <TableCell>Line</TableCell>
            {preview.headers.map((h, i) => mapping[i]?.field ? <TableCell key={h}>{h}</TableCell> : null)}
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.rows.map((row) => (
            <TableRow key={row.line} sx={invalid.has(row.line) ? { bgcolor: 'rgba(211,47,47,0.06)' } : undefined} data-invalid={invalid.has(row.line) || undefined}>
              <TableCell>{row.line}</TableCell>
              {preview.headers.map((h, i) => {
                if (!mapping[i]?.field) return null;
                const problem = problemsByCell.get(`${row.line}:${i}`);
                return (
                  <TableCell key={h} title={problem} sx={problem ? { color: 'error.main', fontWeight: 600, outline: '1px solid', outlineColor: 'error.main' } : { whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {row.cells[i]}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
});

export function ImportWizard(props: { open: boolean; cohortId: string; cohortName: string; onClose: () => void; onImported: () => Promise<void> }) {
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<{ name: string; dataBase64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>([]);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  /** The import's progress in percent while one runs (the bar is determinate then). */
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const reset = () => {
    setStep(0);
    setFile(null);
    setPreview(null);
    setMapping([]);
    setSkipInvalid(false);
    setError(null);
    setSummary(null);
    setBusy(null);
    setPercent(null);
  };
  const close = () => {
    if (busy) return; // never abandon a write half-way through the UI
    reset();
    props.onClose();
  };

  const load = async (chosen: File) => {
    setError(null);
    setBusy(`Reading ${chosen.name}…`);
    try {
      const loaded = { name: chosen.name, dataBase64: toBase64(await chosen.arrayBuffer()) };
      const result = await api.call('import.preview', { cohortId: props.cohortId, fileName: loaded.name, dataBase64: loaded.dataBase64 });
      setFile(loaded);
      setPreview(result);
      setMapping(result.mapping);
      setStep(1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const runPreview = async () => {
    if (!file) return;
    setError(null);
    setBusy('Checking every row…');
    try {
      const result = await api.call('import.preview', { cohortId: props.cohortId, fileName: file.name, dataBase64: file.dataBase64, mapping });
      setPreview(result);
      if (result.missingFields.length === 0) setStep(2);
      else setError(`Map a column to: ${result.missingFields.map((f) => FIELD_LABELS[f as keyof typeof FIELD_LABELS] ?? f).join(', ')}`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  /** Starts the import in the core and polls it (like a matching run): the app keeps answering meanwhile. */
  const runImport = async () => {
    if (!file || !preview) return;
    setError(null);
    setBusy(`Reading ${file.name}…`);
    setPercent(0);
    try {
      let status = await api.call('import.start', { cohortId: props.cohortId, fileName: file.name, dataBase64: file.dataBase64, mapping, skipInvalid });
      for (;;) {
        const shown = describeProgress(status);
        setBusy(shown.text);
        setPercent(shown.percent);
        if (status.state !== 'running') break;
        await sleep(150);
        status = await api.call('import.status', { importId: status.id });
      }
      if (status.state === 'done' && status.result) {
        setSummary(status.result);
        setStep(3);
        setBusy(null);
        // The write is done: refreshing the lists must not hold the dialog open.
        void props.onImported();
      } else {
        const problems = status.error?.problems.length ?? 0;
        setError(problems > 0 ? `Nothing was imported: ${problems} problems. Tick "Skip invalid rows" or fix the file.` : (status.error?.message ?? 'The import failed; nothing was imported.'));
      }
    } catch (e) {
      setError(e instanceof ApiError && e.problems.length ? `Nothing was imported: ${e.problems.length} problems. Tick "Skip invalid rows" or fix the file.` : (e as Error).message);
    } finally {
      setBusy(null);
      setPercent(null);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void load(dropped);
  };

  const usedFields = new Set(mapping.map((m) => m.field).filter(Boolean));

  return (
    <Dialog open={props.open} onClose={close} fullWidth maxWidth="lg" aria-labelledby="import-title">
      <DialogTitle id="import-title">Import participants into {props.cohortName}</DialogTitle>
      <DialogContent sx={{ minHeight: 420 }}>
        <Stepper activeStep={step} sx={{ mb: 3 }}>
          {STEPS.map((label) => <Step key={label}><StepLabel>{label}</StepLabel></Step>)}
        </Stepper>
        {busy && (
          <Box sx={{ mb: 2 }} role="status">
            <Typography variant="body2" sx={{ mb: 1 }}>{busy}</Typography>
            {percent === null ? (
              <LinearProgress aria-label={busy} />
            ) : (
              <LinearProgress variant="determinate" value={percent} aria-label="Import progress" aria-valuetext={`${percent}%: ${busy}`} />
            )}
          </Box>
        )}
        {error && <Alert severity="error" sx={{ mb: 2, whiteSpace: 'pre-line' }}>{error}</Alert>}

        {step === 0 && (
          <Paper
            variant="outlined"
            onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            sx={{ p: 6, textAlign: 'center', borderStyle: 'dashed', borderWidth: 2, borderColor: dragging ? 'primary.main' : 'divider', bgcolor: dragging ? 'action.hover' : undefined }}
          >
            <UploadIcon color="primary" sx={{ fontSize: 48 }} />
            <Typography variant="h6">Drop the registration form's export here</Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>CSV (comma, semicolon or tab), or an Excel .xlsx workbook. Nothing is written until you confirm.</Typography>
            <Button variant="contained" onClick={() => input.current?.click()} disabled={busy !== null}>Choose file…</Button>
            <input ref={input} type="file" hidden accept=".csv,.tsv,.txt,.xlsx" aria-label="Registration file" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void load(f); }} />
          </Paper>
        )}

        {step === 1 && preview && (
          <Stack spacing={2}>
            <Typography>
              <strong>{file?.name}</strong>: {preview.totalRows} rows, {preview.headers.length} columns. Check which field each column feeds; unneeded columns can be ignored.
            </Typography>
            <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 420 }}>
              <Table size="small" stickyHeader aria-label="Column mapping">
                <TableHead>
                  <TableRow><TableCell>Column in the file</TableCell><TableCell>Example</TableCell><TableCell width={260}>Pairwise field</TableCell></TableRow>
                </TableHead>
                <TableBody>
                  {mapping.map((entry, index) => (
                    <TableRow key={entry.column}>
                      <TableCell>{entry.column}</TableCell>
                      <TableCell sx={{ color: 'text.secondary', maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                        {preview.rows.find((r) => (r.cells[index] ?? '').trim() !== '')?.cells[index] ?? ''}
                      </TableCell>
                      <TableCell>
                        <TextField
                          select size="small" fullWidth
                          value={entry.field ?? ''}
                          slotProps={{ select: { SelectDisplayProps: { 'aria-label': `Field for column ${entry.column}` } as object } }}
                          onChange={(e) => {
                            const field = (e.target.value || null) as Field | null;
                            setMapping((m) => m.map((x, i) => (i === index ? { ...x, field } : x.field === field ? { ...x, field: null } : x)));
                          }}
                        >
                          <MenuItem value=""><em>Ignore</em></MenuItem>
                          {Object.entries(FIELD_LABELS).map(([value, label]) => (
                            <MenuItem key={value} value={value}>{label}{usedFields.has(value as Field) && entry.field !== value ? ' (reassign)' : ''}</MenuItem>
                          ))}
                        </TextField>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Stack>
        )}

        {step === 2 && preview && (
          <Stack spacing={2}>
            <Stack sx={{ flexWrap: 'wrap' }} direction="row" spacing={1} useFlexGap>
              <Chip label={`${preview.totalRows} rows`} />
              <Chip color="success" label={`${preview.validRows} valid`} />
              {preview.updates > 0 && <Chip color="info" label={`${preview.updates} update people already in the program`} />}
              {preview.invalidLines.length > 0 && <Chip color="error" label={`${preview.invalidLines.length} with problems`} />}
            </Stack>
            {preview.problems.length > 0 && (
              <Alert severity="warning">
                <Typography sx={{ fontWeight: 600 }} variant="body2">Rows with problems are highlighted. Fix them in the form's sheet and load it again, or skip them.</Typography>
                <List dense aria-label="Import problems" sx={{ maxHeight: 160, overflow: 'auto' }}>
                  {preview.problems.slice(0, 100).map((p) => (
                    <ListItem key={`${p.line}-${p.column}`} disableGutters>line {p.line}, column "{p.column}", value "{p.value}": {p.message}</ListItem>
                  ))}
                  {preview.problems.length > 100 && <ListItem disableGutters>… and {preview.problems.length - 100} more</ListItem>}
                </List>
              </Alert>
            )}
            <PreviewRows preview={preview} mapping={mapping} />
            {preview.totalRows > preview.rows.length && <Typography variant="body2" color="text.secondary">Showing the first {preview.rows.length} rows; every row is checked.</Typography>}
            {preview.invalidLines.length > 0 && (
              <FormControlLabel control={<Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />} label={`Skip invalid rows (import the ${preview.validRows} valid ones)`} />
            )}
          </Stack>
        )}

        {step === 3 && summary && (
          <Stack sx={{ alignItems: 'flex-start' }} spacing={2}>
            <Alert severity="success">Import finished.</Alert>
            <Stack direction="row" spacing={1} aria-label="Import summary">
              <Chip color="success" label={`${summary.added} added`} />
              <Chip color="info" label={`${summary.updated} updated`} />
              <Chip label={`${summary.unchanged} unchanged`} />
              <Chip color={summary.skipped ? 'warning' : 'default'} label={`${summary.skipped} skipped`} />
            </Stack>
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {step === 3 ? (
          <Button variant="contained" onClick={close}>Done</Button>
        ) : (
          <>
            <Button onClick={close} disabled={busy !== null}>Cancel</Button>
            {step > 0 && <Button onClick={() => setStep(step - 1)} disabled={busy !== null}>Back</Button>}
            {step === 1 && <Button variant="contained" onClick={() => void runPreview()} disabled={busy !== null}>Next: check rows</Button>}
            {step === 2 && preview && (
              <Button variant="contained" onClick={() => void runImport()} disabled={busy !== null || (preview.invalidLines.length > 0 && !skipInvalid) || (skipInvalid ? preview.validRows : preview.totalRows) === 0}>
                Import {skipInvalid ? preview.validRows : preview.totalRows} rows
              </Button>
            )}
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
