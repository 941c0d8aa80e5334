import { useState } from 'react';
import { Button, CircularProgress } from '@mui/material';
import { api } from '../api/client';
import { useNotify } from './Notifier';
import { useWorkspace } from '../workspace';

export function SampleButton({ variant = 'outlined' }: { variant?: 'outlined' | 'contained' | 'text' }) {
  const { reload, selectCohort } = useWorkspace();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant={variant}
      disabled={busy}
      startIcon={busy ? <CircularProgress size={16} /> : undefined}
      onClick={async () => {
        setBusy(true);
        try {
          const result = await api.call('sample.load', {});
          await reload();
          selectCohort(result.cohort.id);
          notify({ severity: 'success', message: `Sample cohort loaded: ${result.summary.added} added, ${result.summary.updated} updated` });
        } catch (e) {
          notify({ severity: 'error', message: (e as Error).message });
        } finally {
          setBusy(false);
        }
      }}
    >
      Load sample cohort
    </Button>
  );
}
