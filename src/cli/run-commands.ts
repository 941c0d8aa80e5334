import { writeFileSync } from 'node:fs';
import type { MethodInput } from '../core/api/contract';
import { TIMEZONE_HOURS_MAX } from '../core/matching/settings';
import { cohortOptions, CliError, findCohort, noPositionals, parse, required, usage, withApi, type Api, type Output } from './api';
import { formatMatchJson, formatMatchText } from './format';

/** The commands about matching runs: match, rematch, publish, export. */

/** Waits for a started run, then prints it like the app's summary (or as JSON). */
async function reportRun(api: Api, io: Output, runId: string, json: boolean): Promise<number> {
  const status = await api.call('runs.wait', { runId });
  if (status.state !== 'done') throw new CliError(status.error ?? `The run was ${status.state}`, 1);
  const run = await api.call('runs.get', { runId });
  const members = await api.call('members.list', { cohortId: run.cohortId });
  const cohort = (await api.call('cohorts.list', {})).find((c) => c.id === run.cohortId)!;
  const email = new Map(members.map((m) => [m.id, m.email]));
  if (json) io.out(JSON.stringify(formatMatchJson(run, email), null, 2));
  else for (const line of formatMatchText(run, cohort.name, email)) io.out(line);
  return 0;
}

function hoursOption(value: string | boolean | undefined, flag: string, max: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours < 0 || hours > max) throw usage(`${flag} takes a number of hours from 0 to ${max}, not "${value}"`);
  return hours;
}

export async function matchCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    ...cohortOptions,
    'max-tz-diff': { type: 'string' },
    'min-overlap': { type: 'string' },
    mode: { type: 'string' },
    score: { type: 'string' },
    blend: { type: 'string' },
    json: { type: 'boolean' },
  });
  noPositionals('match', positionals);
  required(values.cohort, '--cohort');
  const maxDiff = hoursOption(values['max-tz-diff'], '--max-tz-diff', TIMEZONE_HOURS_MAX['max-offset-diff']);
  const minOverlap = hoursOption(values['min-overlap'], '--min-overlap', TIMEZONE_HOURS_MAX['min-overlap']);
  if (maxDiff !== undefined && minOverlap !== undefined) throw usage('Choose one time-zone rule: --max-tz-diff or --min-overlap');
  const mode = values.mode;
  if (mode !== undefined && mode !== 'max-score' && mode !== 'max-matched-then-score') throw usage(`--mode is max-score or max-matched-then-score, not "${mode}"`);
  const score = values.score;
  if (score !== undefined && score !== 'weights' && score !== 'learned' && score !== 'blend') throw usage(`--score is weights, learned or blend, not "${score}"`);
  const blend = typeof values.blend === 'string' ? Number(values.blend) : undefined;
  if (blend !== undefined && !(blend >= 0 && blend <= 1)) throw usage(`--blend takes the learned score's share from 0 to 1, not "${values.blend}"`);
  if (blend !== undefined && score !== 'blend') throw usage('--blend goes with --score blend');

  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    // The cohort's saved settings and the coordinator's edits, as the app uses them; options override the rules.
    let settings: MethodInput<'runs.start'>['settings'];
    if (maxDiff !== undefined || minOverlap !== undefined || mode !== undefined || score !== undefined) {
      const saved = await api.call('settings.get', { cohortId: cohort.id });
      const edits = await api.call('edits.get', { cohortId: cohort.id });
      const timezone =
        maxDiff !== undefined ? { kind: 'max-offset-diff' as const, hours: maxDiff } : minOverlap !== undefined ? { kind: 'min-overlap' as const, hours: minOverlap } : saved.rules.timezone;
      settings = {
        ...saved,
        mode: mode ?? saved.mode,
        score: score === undefined ? saved.score : { source: score, blend: blend ?? saved.score.blend, model: null },
        rules: { ...saved.rules, timezone },
        lockedPairs: edits.adjustments.locks,
        forbiddenPairs: edits.adjustments.forbids,
        capacityOverrides: edits.adjustments.capacity,
      };
    }
    const started = await api.call('runs.start', { cohortId: cohort.id, settings });
    return reportRun(api, io, started.id, values.json === true);
  });
}

export async function rematchCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...cohortOptions, json: { type: 'boolean' } });
  noPositionals('rematch', positionals);
  required(values.cohort, '--cohort');
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    const started = await api.call('runs.rematch', { cohortId: cohort.id });
    return reportRun(api, io, started.id, values.json === true);
  });
}

/** A run of the cohort by name (case-insensitive), or its newest. */
async function chooseRun(api: Api, cohortId: string, name: string | boolean | undefined) {
  const runs = await api.call('runs.list', { cohortId });
  if (runs.length === 0) throw new CliError('This cohort has no runs yet: run "match" first', 1);
  if (typeof name !== 'string') return runs[0]!;
  const run = runs.find((r) => r.name.toLowerCase() === name.trim().toLowerCase());
  if (!run) throw new CliError(`No run named "${name}"; runs are ${runs.map((r) => `"${r.name}"`).join(', ')}`, 1);
  return run;
}

export async function publishCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...cohortOptions, run: { type: 'string' } });
  noPositionals('publish', positionals);
  required(values.cohort, '--cohort');
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    const run = await chooseRun(api, cohort.id, values.run);
    const result = await api.call('pairs.publish', { runId: run.id });
    io.out(`Published ${run.name} of ${cohort.name}: ${result.added} new pairs, ${result.kept} kept, ${result.ended} ended.`);
    return 0;
  });
}

export async function exportCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    ...cohortOptions,
    run: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    note: { type: 'string' },
  });
  noPositionals('export', positionals);
  required(values.cohort, '--cohort');
  const format = required(values.format, '--format');
  if (format !== 'csv' && format !== 'xlsx' && format !== 'eml') throw usage(`--format is csv, xlsx or eml, not "${format}"`);
  const out = required(values.out, '--out');
  if (format === 'eml' && !values.from?.trim()) throw usage('--format eml needs --from ADDRESS, the sender: e.g. --from "Mentoring team <team@yourorg.org>"');
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    const run = await chooseRun(api, cohort.id, values.run);
    const file = await api.call('runs.export', { runId: run.id, format, from: values.from, note: values.note });
    try {
      writeFileSync(out, Buffer.from(file.dataBase64, 'base64'));
    } catch (error) {
      throw new CliError(`Cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
    }
    io.out(`Saved ${run.name} of ${cohort.name} as ${out}`);
    return 0;
  }, { readOnly: true });
}

