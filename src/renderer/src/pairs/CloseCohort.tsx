import { useState } from 'react';
import { Alert, Button } from '@mui/material';
import { api, type MethodOutput } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useNotify } from '../components/Notifier';
import type { Cohort } from '../workspace';

/** "Close cohort" on the Pairs page: after a confirmation, every active pair is completed and a summary kept. */
export function CloseCohort(props: { cohort: Cohort; activePairs: number; onClosed: () => void }) {
  const [asking, setAsking] = useState(false);
  const notify = useNotify();
  const close = async () => {
    setAsking(false);
    try {
      const summary = await api.call('pairs.closeCohort', { cohortId: props.cohort.id });
      const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
      notify({ severity: 'success', message: `${props.cohort.name} closed: ${n(summary.pairs, 'pair')}, ${n(summary.sessionsHeld, 'session')} held, ${n(summary.goalsReached, 'goal')} reached` });
      props.onClosed();
    } catch (e) {
      notify({ severity: 'error', message: (e as Error).message });
    }
  };
  return (
    <>
      <Button variant="outlined" color="warning" onClick={() => setAsking(true)}>Close cohort</Button>
      <ConfirmDialog open={asking} title={`Close ${props.cohort.name}?`} confirmLabel="Close cohort" color="warning" onCancel={() => setAsking(false)} onConfirm={() => void close()}>
        {props.activePairs === 0
          ? 'Its pairs are all closed already. A summary (pairs, sessions held, goals reached) is kept on the cohort.'
          : `All ${props.activePairs} active pairs are marked completed and leave the Pairs and Due pages. A summary (pairs, sessions held, goals reached) is kept on the cohort. Pairs that ended early should be closed one by one first.`}
      </ConfirmDialog>
    </>
  );
}

/** The summary a closed cohort keeps, shown at the top of the Pairs page. */
export function CohortSummaryNote({ summary: s }: { summary: MethodOutput<'pairs.closeCohort'> }) {
  return (
    <Alert severity="success" role="status">
      Closed on {s.closedAt.slice(0, 10)}: {s.pairs} pairs ({s.completed} completed, {s.endedEarly} ended early), {s.sessionsHeld} sessions held, {s.goalsReached} of {s.goalsTotal} goals reached.
    </Alert>
  );
}
