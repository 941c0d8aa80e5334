import { Box, Divider, FormControlLabel, MenuItem, Radio, RadioGroup, Slider, Stack, Switch, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { CRITERIA_TEXT } from '../../../core/matching/criteria-text';
import { criterionShares, TIMEZONE_HOURS_MAX } from '../../../core/matching/settings';
import { ScoreSourcePanel } from '../learning/ScoreSourcePanel';
import type { Settings } from './types';

type CriterionKey = keyof Settings['criteria'];

/** Rules (what is allowed) and weights (what is preferred), each with a line saying what it does. */
export function SettingsPanel({ settings, onChange, program }: {
  settings: Settings;
  onChange: (update: (s: Settings) => Settings) => void;
  /** The cohort's program: where a learned score comes from. */
  program?: { id: string; name: string };
}) {
  const criteria = Object.keys(CRITERIA_TEXT) as CriterionKey[];
  const shares = criterionShares(settings.criteria);
  const tz = settings.rules.timezone;
  const setRule = <K extends keyof Settings['rules']>(key: K, value: Settings['rules'][K]) => onChange((s) => ({ ...s, rules: { ...s.rules, [key]: value } }));
  const setCriterion = (key: CriterionKey, patch: Partial<Settings['criteria'][CriterionKey]>) =>
    onChange((s) => ({ ...s, criteria: { ...s.criteria, [key]: { ...s.criteria[key], ...patch } } }));

  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="subtitle2" component="h3">Objective</Typography>
        <RadioGroup value={settings.mode} onChange={(e) => onChange((s) => ({ ...s, mode: e.target.value as Settings['mode'] }))}>
          <FormControlLabel value="max-score" control={<Radio size="small" />} label="Best total score" />
          <FormControlLabel value="max-matched-then-score" control={<Radio size="small" />} label="Most mentees matched, then best score" />
        </RadioGroup>
      </Box>
      <Divider />
      <Box>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>Time zones</Typography>
        <Stack direction="row" spacing={1}>
          <TextField
            select size="small" label="Rule" value={tz.kind} sx={{ flex: 1 }}
            onChange={(e) => {
              const kind = e.target.value as Settings['rules']['timezone']['kind'];
              setRule('timezone', kind === 'none' ? { kind } : kind === 'max-offset-diff' ? { kind, hours: 4 } : { kind, hours: 2 });
            }}
          >
            <MenuItem value="none">No rule</MenuItem>
            <MenuItem value="max-offset-diff">Max difference</MenuItem>
            <MenuItem value="min-overlap">Min weekly overlap</MenuItem>
          </TextField>
          {tz.kind !== 'none' && <HoursField kind={tz.kind} hours={tz.hours} onChange={(hours) => setRule('timezone', { kind: tz.kind, hours })} />}
        </Stack>
        <Typography variant="caption" color="text.secondary">
          {tz.kind === 'none' ? 'Any time zones may be paired.' : tz.kind === 'max-offset-diff' ? `UTC offsets at most ${tz.hours} h apart at the cohort start (daylight saving applied).` : `At least ${tz.hours} h a week when both are available, in their own local times.`}
        </Typography>
      </Box>
      <Box>
        <Typography variant="subtitle2" component="h3">Never pair</Typography>
        <FormControlLabel control={<Switch size="small" checked={settings.rules.excludeSameTeam} onChange={(e) => setRule('excludeSameTeam', e.target.checked)} />} label="People in the same team" />
        <FormControlLabel control={<Switch size="small" checked={settings.rules.excludeReportingLine} onChange={(e) => setRule('excludeReportingLine', e.target.checked)} />} label="A person and their manager" />
        <FormControlLabel control={<Switch size="small" checked={settings.rules.requireSharedLanguage} onChange={(e) => setRule('requireSharedLanguage', e.target.checked)} />} label="People without a shared language" />
        <FormControlLabel control={<Switch size="small" checked={settings.rules.requireApprovedMentors} onChange={(e) => setRule('requireApprovedMentors', e.target.checked)} />} label="Mentors not yet approved" />
      </Box>
      <Divider />
      {program && <ScoreSourcePanel programId={program.id} programName={program.name} settings={settings} onChange={onChange} />}
      <Box>
        <Typography variant="subtitle2" component="h3">What makes a good pair</Typography>
        {settings.score.source === 'learned' && (
          <Typography variant="caption" color="text.secondary">Not used while pair scores come from the learned score (except spread load).</Typography>
        )}
        {criteria.map((key) => {
          const c = settings.criteria[key];
          const share = Math.round((key === 'load' ? shares.loadBonus : shares.weight[key]) * 100);
          return (
            <Box key={key} sx={{ mt: 1 }}>
              <Stack direction="row" sx={{ alignItems: 'center' }}>
                <Switch size="small" checked={c.enabled} onChange={(e) => setCriterion(key, { enabled: e.target.checked })} slotProps={{ input: { 'aria-label': `Use ${CRITERIA_TEXT[key].label}` } }} />
                <Typography variant="body2" sx={{ flex: 1, fontWeight: 600 }}>{CRITERIA_TEXT[key].label}</Typography>
                <Typography variant="caption" color="text.secondary">{c.enabled ? `${share}%` : 'off'}</Typography>
              </Stack>
              <Slider
                size="small" min={0} max={5} step={0.25} value={c.weight} disabled={!c.enabled}
                onChange={(_e, value) => setCriterion(key, { weight: value as number })}
                aria-label={`${CRITERIA_TEXT[key].label} weight`} valueLabelDisplay="auto"
                sx={{ mx: 1, width: 'calc(100% - 16px)' }}
              />
              <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: -0.5 }}>
                {!c.enabled
                  ? `Ignored: ${CRITERIA_TEXT[key].what} does not count.`
                  : key === 'load'
                    ? `Rewards ${CRITERIA_TEXT[key].what}: a bonus of up to ${share}% of a pair's score.`
                    : `Rewards ${CRITERIA_TEXT[key].what}: ${share}% of a pair's score.`}
              </Typography>
            </Box>
          );
        })}
      </Box>
      <Divider />
      <Box>
        <Typography variant="subtitle2" component="h3">Cohort-wide constraints</Typography>
        <FormControlLabel
          control={<Switch size="small" checked={settings.minCrossDepartmentShare !== null} onChange={(e) => onChange((s) => ({ ...s, minCrossDepartmentShare: e.target.checked ? 0.5 : null }))} />}
          label="Minimum share of cross-department pairs"
        />
        {settings.minCrossDepartmentShare !== null && (
          <Slider size="small" min={0} max={1} step={0.05} value={settings.minCrossDepartmentShare} valueLabelDisplay="auto" valueLabelFormat={(v) => `${Math.round(v * 100)}%`}
            onChange={(_e, v) => onChange((s) => ({ ...s, minCrossDepartmentShare: v as number }))} aria-label="Minimum cross-department share" sx={{ mx: 1, width: 'calc(100% - 16px)' }} />
        )}
        <FormControlLabel
          control={<Switch size="small" checked={settings.mentorAttributeCaps.length > 0} onChange={(e) => onChange((s) => ({ ...s, mentorAttributeCaps: e.target.checked ? [{ attribute: 'department', max: 1 }] : [] }))} />}
          label="At most 1 mentee per department per mentor"
        />
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
          These are solved exactly with a MIP solver (HiGHS) and can take seconds on large cohorts.
        </Typography>
      </Box>
    </Stack>
  );
}

/**
 * The hours of a time-zone rule, typed freely: a value outside 0…max (or nothing) is shown as an error and
 * never applied, so clearing the field cannot turn into a silent "0 h apart" rule.
 */
function HoursField({ kind, hours, onChange }: { kind: keyof typeof TIMEZONE_HOURS_MAX; hours: number; onChange: (hours: number) => void }) {
  const max = TIMEZONE_HOURS_MAX[kind];
  const [text, setText] = useState(String(hours));
  useEffect(() => setText((current) => (Number(current) === hours && current.trim() !== '' ? current : String(hours))), [hours]);
  const value = Number(text);
  const error = text.trim() === '' ? 'Enter hours' : !Number.isFinite(value) || value < 0 || value > max ? `0 to ${max}` : null;
  return (
    <TextField
      size="small" type="number" label="Hours" sx={{ width: 100 }} value={text} error={error !== null} helperText={error}
      slotProps={{ htmlInput: { min: 0, max, step: 0.5 } }}
      onChange={(e) => {
        setText(e.target.value);
        const next = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(next) && next >= 0 && next <= max) onChange(next);
      }}
    />
  );
}
