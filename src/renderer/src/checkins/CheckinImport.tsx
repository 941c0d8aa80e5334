import { Alert, Chip, Stack, Typography } from '@mui/material';
import { api } from '../api/client';
import { ProblemList } from '../import/ImportTables';
import { AnswersImportDialog } from '../forms/AnswersImportDialog';
import type { CheckinPreview } from '../../../core/checkins/contract';

/** The check-in import: a form's answers matched to the cohort's active pairs (checkins.preview / checkins.import). */
export function CheckinImport(props: { cohortId: string; cohortName: string; onClose: () => void; onImported: () => void }) {
  return (
    <AnswersImportDialog
      title={`Import check-ins into ${props.cohortName}`}
      what="the check-in form's export"
      preview={(file, mapping) => api.call('checkins.preview', { cohortId: props.cohortId, ...file, ...(mapping ? { mapping } : {}) })}
      commit={(file, mapping, skipInvalid) => api.call('checkins.import', { cohortId: props.cohortId, ...file, mapping, skipInvalid })}
      extraChips={(preview) => {
        const pairs = (preview as CheckinPreview).pairsCovered;
        return <Chip color="info" label={`${pairs} pair${pairs === 1 ? '' : 's'} answered`} />;
      }}
      done={(result) => (
        <Stack spacing={1.5} sx={{ minHeight: 0 }}>
          <Alert severity="success" aria-label="Check-ins imported">
            Imported {result.imported} check-in{result.imported === 1 ? '' : 's'} for {result.pairsCovered} pair{result.pairsCovered === 1 ? '' : 's'}
            {result.skipped > 0 ? `; ${result.skipped} row${result.skipped === 1 ? ' was' : 's were'} skipped` : ''}. A reported last meeting counts as the pair's last contact.
          </Alert>
          {result.problems.length > 0 && (
            <Alert severity="warning" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>Not imported — fix these in the form's sheet and import that file again:</Typography>
              <ProblemList problems={result.problems} label="Skipped rows and their problems" sx={{ maxHeight: 200 }} />
            </Alert>
          )}
        </Stack>
      )}
      onClose={props.onClose}
      onImported={props.onImported}
    />
  );
}
