import { useId, useRef, useState, type ReactNode } from 'react';
import {
  Alert, Box, Button, Chip, Dialog, DialogContent, DialogTitle, LinearProgress, Paper, Stack, Step, StepLabel, Stepper, Typography,
} from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import { MappingTable, PreviewRows, ProblemList } from '../import/ImportTables';
import { WizardFooter, count, rowsText } from '../import/WizardFooter';
import type { FormPreview } from '../../../core/forms/contract';

export type AnswersMapping = FormPreview['mapping'];
export interface AnswersFile {
  fileName: string;
  dataBase64: string;
}

const STEPS = ['Choose file', 'Map columns', 'Check rows', 'Done'];

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The import wizard for a form tool's answers file (src/core/forms): choose the file, check which
 * question feeds which field, see every row problem by line and column, then import all rows or none,
 * or skip the rows with problems. What the answers mean is the caller's: `preview` and `commit` call its
 * methods, `done` says what was written. Nothing is written before the last step.
 */
export function AnswersImportDialog<R>(props: {
  title: string;
  /** What the file is, for the drop zone ("the check-in form's export"). */
  what: string;
  preview: (file: AnswersFile, mapping?: AnswersMapping) => Promise<FormPreview>;
  commit: (file: AnswersFile, mapping: AnswersMapping, skipInvalid: boolean) => Promise<R>;
  /** Chips beside the row counts on the check step (what the valid rows cover). */
  extraChips?: (preview: FormPreview) => ReactNode;
  done: (result: R) => ReactNode;
  onClose: () => void;
  onImported: () => void;
}) {
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<AnswersFile | null>(null);
  const [preview, setPreview] = useState<FormPreview | null>(null);
  const [mapping, setMapping] = useState<AnswersMapping>([]);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const reasonId = useId();

  const close = () => {
    if (!busy) props.onClose();
  };
  const run = async (label: string, work: () => Promise<void>) => {
    setError(null);
    setBusy(label);
    try {
      await work();
    } catch (e) {
      // A rejected import's message names every row it refused ("Nothing was imported: … line 5, column …").
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const load = (chosen: File) =>
    run(`Reading ${chosen.name}…`, async () => {
      const loaded = { fileName: chosen.name, dataBase64: toBase64(await chosen.arrayBuffer()) };
      const next = await props.preview(loaded);
      setFile(loaded);
      setPreview(next);
      setMapping(next.mapping);
      setSkipInvalid(false);
      setStep(1);
    });
  const check = () =>
    run('Checking every row…', async () => {
      const next = await props.preview(file!, mapping);
      setPreview(next);
      if (next.missingFields.length === 0) setStep(2);
      else setError(`Map a column to: ${next.missingFields.join(', ')}`);
    });
  const commit = () =>
    run('Importing in one transaction…', async () => {
      setResult(await props.commit(file!, mapping, skipInvalid));
      setStep(3);
      props.onImported();
    });

  const invalid = preview?.invalidLines.length ?? 0;
  const canSkip = preview !== null && invalid > 0 && preview.validRows > 0;
  const fields = preview?.fields.map((f) => ({ key: f.key, label: f.required ? `${f.label} (required)` : f.label })) ?? [];

  return (
    <Dialog open onClose={close} fullWidth maxWidth="lg" aria-labelledby={titleId} slotProps={{ paper: { sx: { height: 'calc(100% - 48px)', maxHeight: 'calc(100% - 48px)', my: 3 } } }}>
      <DialogTitle id={titleId} sx={{ pb: 1 }}>{props.title}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, overflow: 'hidden', pb: 1 }}>
        <Stepper activeStep={step} sx={{ mb: 0.5, flexShrink: 0 }}>
          {STEPS.map((label) => <Step key={label}><StepLabel>{label}</StepLabel></Step>)}
        </Stepper>
        {busy && (
          <Box sx={{ flexShrink: 0 }} role="status">
            <Typography variant="body2" sx={{ mb: 1 }}>{busy}</Typography>
            <LinearProgress aria-label={busy} />
          </Box>
        )}
        {error && <Alert severity="error" sx={{ flexShrink: 0, whiteSpace: 'pre-line', maxHeight: 160, overflow: 'auto' }}>{error}</Alert>}
        {step === 0 && (
          <Paper
            variant="outlined"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => { e.preventDefault(); const f = e.dataTransfer.files[0]; if (f) void load(f); }}
            sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', p: 4, textAlign: 'center', borderStyle: 'dashed', borderWidth: 2 }}
          >
            <UploadIcon color="primary" sx={{ fontSize: 48 }} />
            <Typography variant="h6">Drop {props.what} here</Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>CSV (comma, semicolon or tab), or an Excel .xlsx workbook. Nothing is written until you confirm.</Typography>
            <Button variant="contained" onClick={() => input.current?.click()} disabled={busy !== null}>Choose file…</Button>
            <input ref={input} type="file" hidden accept=".csv,.tsv,.txt,.xlsx" aria-label="Answers file" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void load(f); }} />
          </Paper>
        )}
        {step === 1 && preview && (
          <>
            <Typography sx={{ flexShrink: 0 }}>
              <strong>{file?.fileName}</strong>: {rowsText(preview.totalRows)}, {preview.headers.length} columns. Check which field each question feeds; other columns are ignored.
            </Typography>
            <MappingTable preview={preview} mapping={mapping} onChange={setMapping} fields={fields} />
          </>
        )}
        {step === 2 && preview && (
          <>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', flexShrink: 0 }} aria-label="What the import will do">
              <Chip label={rowsText(preview.totalRows)} />
              <Chip color="success" label={`${count(preview.validRows)} ready`} />
              {invalid > 0 && <Chip color="error" label={`${count(invalid)} with problems`} />}
              {props.extraChips?.(preview)}
            </Stack>
            {preview.problems.length > 0 && (
              <Alert severity="warning" sx={{ flexShrink: 0, py: 0, '& .MuiAlert-message': { width: '100%' } }}>
                <Typography sx={{ fontWeight: 600 }} variant="body2">Rows with problems are highlighted. Fix them in the form's sheet and load it again, or skip them.</Typography>
                <ProblemList problems={preview.problems} label="Import problems" sx={{ maxHeight: 110 }} />
              </Alert>
            )}
            <PreviewRows preview={preview} mapping={mapping} />
          </>
        )}
        {step === 3 && result !== null && props.done(result)}
      </DialogContent>
      <WizardFooter
        step={step}
        preview={preview}
        invalid={invalid}
        canSkip={canSkip}
        skipInvalid={skipInvalid}
        setSkipInvalid={setSkipInvalid}
        busy={busy !== null}
        reasonId={reasonId}
        importWithProblems
        onClose={close}
        onBack={() => { setError(null); setStep(step - 1); }}
        onCheck={() => void check()}
        onImport={() => void commit()}
      />
    </Dialog>
  );
}
