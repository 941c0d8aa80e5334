import { useState } from 'react';
import { Alert, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useWorkspace } from '../workspace';
import { PairRatingsPanel } from './PairRatingsPanel';
import { SurveysPanel } from './SurveysPanel';

/** The admin's review of feedback, offline: program surveys (anonymous or attributed) and pair ratings. */
export function FeedbackPage() {
  const { cohort, cohortId } = useWorkspace();
  const [tab, setTab] = useState<'surveys' | 'ratings'>('surveys');
  return (
    <Stack spacing={2} sx={{ flexShrink: 0 }}>
      <Typography variant="h5" component="h1">Feedback</Typography>
      {!cohortId || !cohort ? (
        <Alert severity="info">Choose or create a cohort first.</Alert>
      ) : (
        <>
          <Tabs value={tab} onChange={(_, v: 'surveys' | 'ratings') => setTab(v)} aria-label="Feedback">
            <Tab value="surveys" label="Surveys" />
            <Tab value="ratings" label="Pair ratings" />
          </Tabs>
          {tab === 'surveys' ? <SurveysPanel key={cohortId} cohortId={cohortId} cohortName={cohort.name} /> : <PairRatingsPanel key={cohortId} cohortId={cohortId} cohortName={cohort.name} programId={cohort.programId} />}
        </>
      )}
    </Stack>
  );
}
