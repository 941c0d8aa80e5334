import { Box, Button, Checkbox, DialogActions, FormControlLabel, Typography } from '@mui/material';

export const count = (n: number): string => n.toLocaleString('en-US');
export const rowsText = (n: number): string => `${count(n)} row${n === 1 ? '' : 's'}`;

/**
 * The buttons under every import wizard (a cohort's registration file, a form's answers): Cancel, Back, the
 * step's next action, and on the check step what to do about rows with problems. One component so both
 * wizards say the same thing the same way.
 */
export function WizardFooter(props: {
  /** 0 file, 1 columns, 2 check, 3 done. */
  step: number;
  preview: { validRows: number; totalRows: number } | null;
  invalid: number;
  /** Whether skipping rows with problems is offered (some valid rows to import). */
  canSkip: boolean;
  skipInvalid: boolean;
  setSkipInvalid: (skip: boolean) => void;
  busy: boolean;
  /** Id of the text that says why the import button is as it is (aria-describedby). */
  reasonId: string;
  /**
   * The cohort import keeps its button disabled while rows have problems and none are skipped; the answers
   * wizard lets the coordinator press it, and the core refuses the file, writes nothing and names every problem.
   */
  importWithProblems: boolean;
  onClose: () => void;
  onBack: () => void;
  onCheck: () => void;
  onImport: () => void;
}) {
  const { step, preview, invalid, canSkip, skipInvalid, busy, reasonId } = props;
  const importing = preview === null ? 0 : skipInvalid ? preview.validRows : preview.totalRows;
  return (
    <DialogActions sx={{ px: 3, py: 1.5, gap: 1, flexWrap: 'wrap', borderTop: 1, borderColor: 'divider' }}>
      {step === 2 && preview && invalid > 0 && (
        <Box sx={{ flex: '1 1 320px', display: 'flex', alignItems: 'center', flexWrap: 'wrap', columnGap: 1 }} role="group" aria-label="Rows with problems">
          <Typography id={reasonId} variant="body2" color="error.main" sx={{ fontWeight: 600 }}>
            {preview.validRows === 0
              ? `None of the ${rowsText(preview.totalRows)} can be imported: fix the file and load it again.`
              : `${rowsText(invalid)} ${invalid === 1 ? 'has' : 'have'} problems: fix the file, or`}
          </Typography>
          {canSkip && (
            <FormControlLabel
              sx={{ mr: 0 }}
              control={<Checkbox size="small" checked={skipInvalid} onChange={(e) => props.setSkipInvalid(e.target.checked)} />}
              label={`Skip them and import ${count(preview.validRows)}`}
            />
          )}
        </Box>
      )}
      {step === 3 ? (
        <Button variant="contained" onClick={props.onClose}>Done</Button>
      ) : (
        <Box sx={{ display: 'flex', gap: 1, ml: 'auto' }}>
          <Button onClick={props.onClose} disabled={busy}>Cancel</Button>
          {step > 0 && <Button onClick={props.onBack} disabled={busy}>Back</Button>}
          {step === 1 && <Button variant="contained" onClick={props.onCheck} disabled={busy}>Next: check rows</Button>}
          {step === 2 && preview && (
            <Button
              variant="contained"
              onClick={props.onImport}
              aria-describedby={invalid > 0 ? reasonId : undefined}
              disabled={busy || importing === 0 || (!props.importWithProblems && invalid > 0 && !skipInvalid)}
            >
              Import {count(importing)} rows
            </Button>
          )}
        </Box>
      )}
    </DialogActions>
  );
}
