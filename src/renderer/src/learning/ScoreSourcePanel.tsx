import { Box, Button, FormControlLabel, Radio, RadioGroup, Slider, Typography } from '@mui/material';
import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/hooks';
import { useNotify } from '../components/Notifier';
import type { Settings } from '../matching/types';
import { LearnedScoreDialog } from './LearnedScoreDialog';

const SAMPLE_PROGRAM = 'Sample program';

/**
 * Where pair scores come from: the hand-set weights, the score learned from the program's past pair
 * ratings, or a blend, with the learned score's verdict one click away.
 */
export function ScoreSourcePanel({ programId, programName, settings, onChange }: {
  programId: string;
  programName: string;
  settings: Settings;
  onChange: (update: (s: Settings) => Settings) => void;
}) {
  const notify = useNotify();
  const status = useQuery('learning.status', { programId });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const model = status.data?.model ?? null;
  const source = settings.score.source;
  const setScore = (patch: Partial<Settings['score']>) => onChange((s) => ({ ...s, score: { ...s.score, ...patch } }));

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      notify({ severity: 'success', message: await work() });
      await status.reload();
    } catch (error) {
      notify({ severity: 'error', message: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const train = () =>
    act(async () => {
      const m = await api.call('learning.train', { programId, criteria: settings.criteria });
      return `Learned score version ${m.version}: ${m.evaluation.recommended ? 'recommended' : 'not recommended'}`;
    });
  const loadHistory = () =>
    act(async () => {
      const h = await api.call('sample.loadHistory', {});
      return h.added ? `Added ${h.cohorts.map((c) => c.name).join(' and ')} with ${h.ratedPairs} rated pairs` : 'The sample history is already there';
    });

  const line = model
    ? `Version ${model.version}: ${model.evaluation.recommended ? 'recommended' : 'not recommended'} (AUC ${model.evaluation.learned.auc?.toFixed(2) ?? '–'} against ${model.evaluation.hand.auc?.toFixed(2) ?? '–'} for the hand-set weights on ${model.evaluation.testCohortName}).`
    : status.data
      ? status.data.ready
        ? 'Enough rated pairs to learn a score: open it to learn one.'
        : `Not available yet: ${status.data.reason}`
      : 'Checking the program’s ratings…';

  return (
    <Box>
      <Typography variant="subtitle2" component="h3" id="score-source-label">Pair scores come from</Typography>
      <RadioGroup aria-labelledby="score-source-label" value={source} onChange={(e) => setScore({ source: e.target.value as Settings['score']['source'] })}>
        <FormControlLabel value="weights" control={<Radio size="small" />} label="The weights below (hand-set)" />
        <FormControlLabel value="learned" control={<Radio size="small" />} label="Learned from past feedback" disabled={!model} />
        <FormControlLabel value="blend" control={<Radio size="small" />} label="A blend of both" disabled={!model} />
      </RadioGroup>
      {source === 'blend' && (
        <Box sx={{ px: 1 }}>
          <Slider
            size="small" min={0} max={1} step={0.05} value={settings.score.blend}
            onChange={(_e, value) => setScore({ blend: value as number })}
            aria-label="Learned score's share of the blend" valueLabelDisplay="auto" valueLabelFormat={(v) => `${Math.round(v * 100)}% learned`}
          />
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: -0.5 }}>
            {Math.round(settings.score.blend * 100)}% learned score, {Math.round((1 - settings.score.blend) * 100)}% hand-set weights.
          </Typography>
        </Box>
      )}
      <Typography variant="caption" color={model && !model.evaluation.recommended ? 'warning.main' : 'text.secondary'} sx={{ display: 'block', mt: 0.5 }}>
        {line}
      </Typography>
      <Button size="small" sx={{ mt: 0.5 }} onClick={() => setOpen(true)}>What was learned…</Button>
      <LearnedScoreDialog
        open={open}
        onClose={() => setOpen(false)}
        status={status.data}
        busy={busy}
        onTrain={() => void train()}
        onLoadSampleHistory={programName === SAMPLE_PROGRAM ? () => void loadHistory() : undefined}
      />
    </Box>
  );
}
