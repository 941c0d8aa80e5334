import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CallResult, MethodInput, MethodName, MethodOutput } from '../core/api/contract';
import { dispatch } from '../core/api/dispatch';
import { createHandlers, type Handlers } from '../core/api/handlers';
import { matchingHandlers } from '../core/matching/handlers';
import { openStore } from '../core/db/open';
import { UserError } from '../core/errors';
import { formatProblem } from '../core/import/validate';
import { TIMEZONE_HOURS_MAX } from '../core/matching/settings';
import { defaultDatabasePath } from '../core/workspace/paths';
import { eraseCommand } from './erase';
import { formatMatchJson, formatMatchText } from './format';

/**
 * The `pairwise` command line: a thin adapter over the same contract and dispatch as the app. Named
 * commands for what coordinators script, `call` for any other method. Every call's input is parsed by
 * the contract, so the CLI refuses what the app refuses, with the same words.
 *
 * Exit codes: 0 ok, 1 data errors (bad rows, unknown cohort…), 2 usage errors.
 */

const USAGE = `Usage: npm run -s pairwise -- <command> [options]

Commands:
  import FILE --program NAME --cohort NAME [--skip-invalid] [--map "Header=field,…"]
      Import a registration-form export (.csv, .tsv or .xlsx) into a cohort (created if new).
      Nothing is written if any row is invalid, unless --skip-invalid is given.
  people --cohort NAME [--program NAME] [--json]
      List a cohort's members (--json: a JSON array only).
  match --cohort NAME [--program NAME] [--max-tz-diff HOURS | --min-overlap HOURS]
        [--mode max-score|max-matched-then-score] [--json]
      Match a cohort optimally with its saved settings and your locks, forbids and capacity changes
      (the options override the saved rules); the run is kept as a draft.
  rematch --cohort NAME [--program NAME] [--json]
      Mid-cycle: keep every published pair, never re-make a dissolved one, and match the people waiting.
  publish --cohort NAME [--program NAME] [--run NAME]
      Make a run (default: the newest) the cohort's active pairs.
  export --cohort NAME [--program NAME] [--run NAME] --format csv|xlsx|eml --out FILE [--from ADDRESS] [--note TEXT]
      Save a run's pairs (CSV, Excel) or its introduction emails (.eml files, zipped; they need --from).
  erase --email ADDRESS --program NAME
      Erase a person for a privacy request (records, pairs, edits, change-log values); cannot be undone.
  solve FILE.json
      Solve a bare assignment problem (mentors with capacity, mentees, scored allowed pairs); prints JSON.
  call METHOD ['JSON']
      Call any method of the contract with a JSON input; prints its JSON result. "call --list" names them.

Options:
  --db PATH   workspace database (default: ${defaultDatabasePath()})
  --help      show this help`;

export type Output = { out: (text: string) => void; err: (text: string) => void };

/** A failure the CLI reports as is: usage mistakes exit 2, data mistakes 1. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}
const usage = (message: string) => new CliError(message, 2);

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, db: { type: 'string' as const } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage((error as Error).message);
  }
}

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw usage(`${flag} is required`);
  return value;
}

function noPositionals(command: string, positionals: string[]): void {
  if (positionals.length > 0) throw usage(`${command} takes no FILE (got "${positionals[0]}")`);
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
  }
}

/** The contract, as the commands use it: a failed call becomes the exit code its error code calls for. */
interface Api {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  raw(method: string, input: unknown): Promise<CallResult>;
}

function failure(result: Extract<CallResult, { ok: false }>): CliError {
  return new CliError(result.error.message, result.error.code === 'invalid-input' ? 2 : 1);
}

/** Opens the workspace for one command; commands that only read pass `readOnly`, which never creates or writes the file. */
async function withApi<T>(dbPath: string | undefined, fn: (api: Api) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  // A file Pairwise refuses (newer, damaged, read-only, missing…) comes with a message naming it and saying what to do.
  const store = await openStore(dbPath ?? defaultDatabasePath(), { readOnly: options.readOnly === true }).catch((error: unknown) => {
    throw error instanceof UserError ? new CliError(error.message, 1) : error;
  });
  const handlers: Handlers = createHandlers({ store, resourcesDir: join(import.meta.dirname, '../../resources') });
  const api: Api = {
    raw: (method, input) => dispatch(handlers, method, input),
    async call(method, input) {
      const result = await dispatch(handlers, method, input);
      if (!result.ok) throw failure(result);
      return result.value as MethodOutput<typeof method>;
    },
  };
  try {
    return await fn(api);
  } finally {
    store.close();
  }
}

async function importCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    program: { type: 'string' },
    cohort: { type: 'string' },
    'skip-invalid': { type: 'boolean' },
    map: { type: 'string' },
  });
  if (positionals.length !== 1) throw usage('import takes exactly one FILE');
  const file = positionals[0]!;
  const program = required(values.program, '--program');
  const cohort = required(values.cohort, '--cohort');
  const bytes = readInput(file);
  return withApi(values.db, async (api) => {
    const summary = await api.call('import.run', {
      program,
      cohort,
      fileName: basename(file),
      dataBase64: bytes.toString('base64'),
      mappingOverrides: typeof values.map === 'string' ? values.map : undefined,
      skipInvalid: values['skip-invalid'] === true,
    });
    io.out(
      `Imported into ${summary.program.name} / ${summary.cohort.name}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} skipped.`,
    );
    for (const problem of summary.problems) io.err(`skipped ${formatProblem(problem)}`);
    return 0;
  });
}

const cohortOptions = { cohort: { type: 'string' }, program: { type: 'string' } } as const;

function findCohort(api: Api, values: { cohort?: string | boolean; program?: string | boolean }) {
  return api.call('cohorts.find', { name: required(values.cohort, '--cohort'), program: typeof values.program === 'string' ? values.program : undefined });
}

async function peopleCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...cohortOptions, json: { type: 'boolean' } });
  noPositionals('people', positionals);
  required(values.cohort, '--cohort');
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    const people = (await api.call('members.list', { cohortId: cohort.id })).map((m) => ({
      name: m.fullName,
      email: m.email,
      role: m.role,
      timezone: m.timezone,
      capacity: m.capacity,
      interests: m.interests,
      expertise: m.expertise,
      languages: m.languages,
      department: m.department,
      seniority: m.seniorityYears,
    }));
    if (values.json) {
      io.out(JSON.stringify(people, null, 2));
    } else {
      for (const p of people) io.out(`${p.role.padEnd(6)}  ${p.name.padEnd(28)}  ${p.email.padEnd(36)}  ${p.timezone ?? '-'}`);
      io.out(`${people.length} members`);
    }
    return 0;
  }, { readOnly: true });
}

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

async function matchCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    ...cohortOptions,
    'max-tz-diff': { type: 'string' },
    'min-overlap': { type: 'string' },
    mode: { type: 'string' },
    json: { type: 'boolean' },
  });
  noPositionals('match', positionals);
  required(values.cohort, '--cohort');
  const maxDiff = hoursOption(values['max-tz-diff'], '--max-tz-diff', TIMEZONE_HOURS_MAX['max-offset-diff']);
  const minOverlap = hoursOption(values['min-overlap'], '--min-overlap', TIMEZONE_HOURS_MAX['min-overlap']);
  if (maxDiff !== undefined && minOverlap !== undefined) throw usage('Choose one time-zone rule: --max-tz-diff or --min-overlap');
  const mode = values.mode;
  if (mode !== undefined && mode !== 'max-score' && mode !== 'max-matched-then-score') throw usage(`--mode is max-score or max-matched-then-score, not "${mode}"`);

  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    // The cohort's saved settings and the coordinator's edits, as the app uses them; options override the rules.
    let settings: MethodInput<'runs.start'>['settings'];
    if (maxDiff !== undefined || minOverlap !== undefined || mode !== undefined) {
      const saved = await api.call('settings.get', { cohortId: cohort.id });
      const edits = await api.call('edits.get', { cohortId: cohort.id });
      const timezone =
        maxDiff !== undefined ? { kind: 'max-offset-diff' as const, hours: maxDiff } : minOverlap !== undefined ? { kind: 'min-overlap' as const, hours: minOverlap } : saved.rules.timezone;
      settings = {
        ...saved,
        mode: mode ?? saved.mode,
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

async function rematchCommand(args: string[], io: Output): Promise<number> {
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

async function publishCommand(args: string[], io: Output): Promise<number> {
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

async function exportCommand(args: string[], io: Output): Promise<number> {
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

async function solveCommand(args: string[], io: Output): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw usage('solve takes exactly one FILE.json');
  const file = positionals[0]!;
  let problem: unknown;
  try {
    problem = JSON.parse(readInput(file).toString('utf8'));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, 1);
  }
  // The bare engine needs no workspace: the engine's own handlers serve the call, through the same dispatch.
  const result = await dispatch(matchingHandlers(), 'matching.solve', { problem });
  if (!result.ok) throw failure(result);
  io.out(JSON.stringify(result.value, null, 2));
  return 0;
}

async function callCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { list: { type: 'boolean' } });
  if (values.list) {
    const { METHOD_NAMES } = await import('../core/api/contract');
    io.out(METHOD_NAMES.join('\n'));
    return 0;
  }
  if (positionals.length < 1 || positionals.length > 2) throw usage("call takes METHOD and one JSON input, e.g. call cohorts.list '{}'");
  const [method, json = '{}'] = positionals as [string, string?];
  let input: unknown;
  try {
    input = JSON.parse(json);
  } catch (error) {
    throw usage(`The input of call is not JSON: ${(error as Error).message}`);
  }
  return withApi(values.db, async (api) => {
    const result = await api.raw(method, input);
    if (!result.ok) throw failure(result);
    io.out(JSON.stringify(result.value, null, 2));
    return 0;
  });
}

const COMMANDS = new Map<string, (args: string[], io: Output) => Promise<number>>([
  ['import', importCommand],
  ['people', peopleCommand],
  ['match', matchCommand],
  ['rematch', rematchCommand],
  ['publish', publishCommand],
  ['export', exportCommand],
  ['erase', (args, io) => eraseCommand(args, io, { withApi, usage })],
  ['solve', solveCommand],
  ['call', callCommand],
]);

export async function runCli(argv: string[], io: Output): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS.get(command);
  if (!run) {
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help')) {
    io.out(USAGE);
    return 0;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.exitCode === 2 ? `${error.message}\n\n${USAGE}` : error.message);
      return error.exitCode;
    }
    // dispatch already turns every failure into a message; this is a bug in the CLI itself.
    io.err(`Unexpected error in pairwise ${command}: ${(error as Error).message}`);
    return 1;
  }
}

/** Runs the CLI as this process: arguments, output and exit code (the bundle's entry calls this too). */
export async function main(): Promise<void> {
  // `pairwise people … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await runCli(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) });
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replaceAll('\\', '/').split('/').pop()!);
if (isMain) void main();
