import { useId, useRef, useState, type DragEvent } from 'react';
import {
  Alert, AlertTitle, Box, Button, Chip, Dialog, DialogContent, DialogTitle, LinearProgress, Paper, Stack, Step,
  StepLabel, Stepper, Typography,
} from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import { api, ApiError, type MethodInput, type MethodOutput } from '../api/client';
import { downloadFile } from '../components/download';
import { FIELD_LABELS } from '../../../core/import/fields';
import { MappingTable, PreviewRows, ProblemList } from './ImportTables';
import { missingFeatures, withPreviousChoices } from './mapping';
import { WizardFooter, count, rowsText as rows } from './WizardFooter';

type Preview = MethodOutput<'import.preview'>;
type Summary = MethodOutput<'import.run'>;
type ImportStatus = MethodOutput<'import.status'>;
type Mapping = NonNullable<MethodInput<'import.preview'>['mapping']>;

const STEPS = ['Choose file', 'Map columns', 'Preview', 'Done'];

/** Share of the bar each phase fills: writing (one transaction, row by row) is most of an import's time. */
const PHASES = { reading: [0, 0.1], checking: [0.1, 0.25], writing: [0.25, 1] } as const;

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

export function ImportWizard(props: { open: boolean; cohortId: string; cohortName: string; onClose: () => void; onImported: () => Promise<void> }) {
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<{ name: string; dataBase64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>([]);
  /** Said on the mapping step when a newly loaded file kept the choices made for the previous one. */
  const [kept, setKept] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  /** The import's progress in percent while one runs (the bar is determinate then). */
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  /** The preview the import ran from: the skipped rows' cells for "rows to fix". */
  const [imported, setImported] = useState<{ fileName: string; preview: Preview } | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const reasonId = useId();

  const reset = () => {
    setStep(0);
    setFile(null);
    setPreview(null);
    setMapping([]);
    setKept(null);
    setSkipInvalid(false);
    setError(null);
    setSummary(null);
    setImported(null);
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
      // Back to load a corrected file: the choices made for the previous file stay, for the columns it shares.
      const next = file && mapping.length > 0 ? withPreviousChoices(result.mapping, mapping) : { mapping: result.mapping, kept: 0 };
      const same = next.kept === result.mapping.length && next.kept === mapping.length;
      setKept(
        next.kept === 0 ? null
        : same ? `Your column choices for ${file!.name} are kept: this file has the same columns.`
        : `Your column choices for ${file!.name} are kept for the ${next.kept} columns this file shares with it.`,
      );
      setFile(loaded);
      setPreview(result);
      setMapping(next.mapping);
      setSkipInvalid(false);
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
        setImported({ fileName: file.name, preview });
        setStep(3);
        setBusy(null);
        // The write is done: refreshing the lists must not hold the dialog open.
        void props.onImported();
      } else {
        const problems = status.error?.problems.length ?? 0;
        setError(problems > 0 ? `Nothing was imported: ${problems} problems. Tick "Skip them" or fix the file.` : (status.error?.message ?? 'The import failed; nothing was imported.'));
      }
    } catch (e) {
      setError(e instanceof ApiError && e.problems.length ? `Nothing was imported: ${e.problems.length} problems. Tick "Skip them" or fix the file.` : (e as Error).message);
    } finally {
      setBusy(null);
      setPercent(null);
    }
  };

  const downloadRowsToFix = async () => {
    if (!summary || !imported) return;
    setError(null);
    try {
      const skipped = new Set(summary.problems.map((p) => p.line));
      const saved = await api.call('import.rowsToFix', {
        fileName: imported.fileName,
        headers: imported.preview.headers,
        rows: imported.preview.invalidRows.filter((r) => skipped.has(r.line)),
        problems: summary.problems,
      });
      downloadFile(saved);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void load(dropped);
  };

  const features = step === 1 ? missingFeatures(mapping) : [];
  const invalidCount = preview?.invalidLines.length ?? 0;
  const canSkip = preview !== null && invalidCount > 0 && preview.validRows > 0;

  return (
    <Dialog
      open={props.open}
      onClose={close}
      fullWidth
      maxWidth="lg"
      aria-labelledby="import-title"
      // The dialog takes the window's height; each step's long list or table scrolls inside it, and the
      // actions (with the choice an import needs) always stay in view.
      slotProps={{ paper: { sx: { height: 'calc(100% - 48px)', maxHeight: 'calc(100% - 48px)', my: 3 } } }}
    >
      <DialogTitle id="import-title" sx={{ pb: 1 }}>Import participants into {props.cohortName}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, overflow: 'hidden', pb: 1 }}>
        <Stepper activeStep={step} sx={{ mb: 0.5, flexShrink: 0 }}>
          {STEPS.map((label) => <Step key={label}><StepLabel>{label}</StepLabel></Step>)}
        </Stepper>
        {busy && (
          <Box sx={{ flexShrink: 0 }} role="status">
            <Typography variant="body2" sx={{ mb: 1 }}>{busy}</Typography>
            {percent === null ? (
              <LinearProgress aria-label={busy} />
            ) : (
              <LinearProgress variant="determinate" value={percent} aria-label="Import progress" aria-valuetext={`${percent}%: ${busy}`} />
            )}
          </Box>
        )}
        {error && <Alert severity="error" sx={{ flexShrink: 0, whiteSpace: 'pre-line', maxHeight: 160, overflow: 'auto' }}>{error}</Alert>}

        {step === 0 && (
          <Paper
            variant="outlined"
            onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', p: 4, textAlign: 'center', borderStyle: 'dashed', borderWidth: 2, borderColor: dragging ? 'primary.main' : 'divider', bgcolor: dragging ? 'action.hover' : undefined }}
          >
            <UploadIcon color="primary" sx={{ fontSize: 48 }} />
            <Typography variant="h6">{file ? 'Drop the corrected file here' : "Drop the registration form's export here"}</Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              CSV (comma, semicolon or tab), or an Excel .xlsx workbook. Nothing is written until you confirm.
              {file && mapping.length > 0 && ` Your column choices for ${file.name} are kept for the columns it shares.`}
            </Typography>
            <Button variant="contained" onClick={() => input.current?.click()} disabled={busy !== null}>Choose file…</Button>
            <input ref={input} type="file" hidden accept=".csv,.tsv,.txt,.xlsx" aria-label="Registration file" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void load(f); }} />
          </Paper>
        )}

        {step === 1 && preview && (
          <>
            <Typography sx={{ flexShrink: 0 }}>
              <strong>{file?.name}</strong>: {rows(preview.totalRows)}, {preview.headers.length} columns. Check which field each column feeds; unneeded columns can be ignored.
              {preview.rememberedColumns > 0 && !kept && ` ${preview.rememberedColumns} of them are mapped as in this program's last import.`}
              {kept && ` ${kept}`}
            </Typography>
            {preview.notes.length > 0 && (
              <Alert severity="info" sx={{ flexShrink: 0, py: 0 }} aria-label="About this file">
                {preview.notes.map((note) => <Typography key={note} variant="body2">{note}</Typography>)}
              </Alert>
            )}
            {features.length > 0 && (
              // A polite status rather than an alert: it changes with every choice in the table below. Focusable: it may scroll.
              <Alert severity="warning" role="status" tabIndex={0} sx={{ flexShrink: 0, py: 0, maxHeight: 150, overflow: 'auto' }} aria-label="Matching features turned off">
                <Typography variant="body2" sx={{ fontWeight: 600 }}>Map a column to these fields if the form asked for them; without one, matching loses:</Typography>
                <Box component="ul" sx={{ m: 0, pl: 2.5, columnCount: { xs: 1, md: features.length > 3 ? 2 : 1 }, columnGap: 4 }}>
                  {features.map((f) => <Typography component="li" variant="body2" key={f}>{f}</Typography>)}
                </Box>
              </Alert>
            )}
            <MappingTable preview={preview} mapping={mapping} onChange={setMapping} />
          </>
        )}

        {step === 2 && preview && (
          <>
            <Stack sx={{ flexWrap: 'wrap', flexShrink: 0 }} direction="row" spacing={1} useFlexGap aria-label="What the import will do">
              <Chip label={`${rows(preview.totalRows)}`} />
              <Chip color="success" label={`${count(preview.outcome.added)} new`} />
              <Chip color="info" label={`${count(preview.outcome.updated)} updated`} />
              <Chip label={`${count(preview.outcome.unchanged)} unchanged`} title="Already in the program exactly as in this file: nothing changes for them" />
              {invalidCount > 0 && <Chip color="error" label={`${count(invalidCount)} with problems`} />}
            </Stack>
            {preview.problems.length > 0 && (
              <Alert severity="warning" sx={{ flexShrink: 0, py: 0, '& .MuiAlert-message': { width: '100%' } }}>
                <Typography sx={{ fontWeight: 600 }} variant="body2">Rows with problems are highlighted. Fix them in the form's sheet and load it again, or skip them.</Typography>
                <ProblemList problems={preview.problems} label="Import problems" sx={{ maxHeight: 110 }} />
              </Alert>
            )}
            <PreviewRows preview={preview} mapping={mapping} />
            {preview.totalRows > preview.rows.length && <Typography variant="body2" color="text.secondary" sx={{ flexShrink: 0 }}>Showing the first {preview.rows.length} rows; every row is checked.</Typography>}
          </>
        )}

        {step === 3 && summary && (
          <>
            <Alert severity="success" sx={{ flexShrink: 0 }}>Import finished.</Alert>
            <Stack direction="row" spacing={1} aria-label="Import summary" sx={{ flexShrink: 0, flexWrap: 'wrap' }} useFlexGap>
              <Chip color="success" label={`${summary.added} added`} />
              <Chip color="info" label={`${summary.updated} updated`} />
              <Chip label={`${summary.unchanged} unchanged`} />
              <Chip color={summary.skipped ? 'warning' : 'default'} label={`${summary.skipped} skipped`} />
            </Stack>
            {summary.skipped > 0 && (
              <Alert
                severity="warning"
                sx={{ flex: '0 1 auto', minHeight: 0, display: 'flex', '& .MuiAlert-message': { width: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 } }}
                aria-label="Skipped rows"
              >
                <AlertTitle>{rows(summary.skipped)} of {imported?.fileName ?? 'the file'} {summary.skipped === 1 ? 'was' : 'were'} not imported</AlertTitle>
                <Typography variant="body2" sx={{ mb: 1 }}>
                  Download them with the file's own columns and a “Problem” column, fix them, and import that file here again.
                </Typography>
                <Box sx={{ mb: 1 }}>
                  <Button variant="outlined" size="small" startIcon={<DownloadIcon />} onClick={() => void downloadRowsToFix()}>
                    Download {rows(summary.skipped)} to fix (CSV)
                  </Button>
                </Box>
                <ProblemList problems={summary.problems} label="Skipped rows and their problems" sx={{ minHeight: 0, flex: 1 }} />
              </Alert>
            )}
          </>
        )}
      </DialogContent>
      <WizardFooter
        step={step}
        preview={preview}
        invalid={invalidCount}
        canSkip={canSkip}
        skipInvalid={skipInvalid}
        setSkipInvalid={setSkipInvalid}
        busy={busy !== null}
        reasonId={reasonId}
        importWithProblems={false}
        onClose={close}
        onBack={() => { setError(null); setStep(step - 1); }}
        onCheck={() => void runPreview()}
        onImport={() => void runImport()}
      />
    </Dialog>
  );
}
