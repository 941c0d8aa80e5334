import { basename } from 'node:path';
import { dispatch } from '../core/api/dispatch';
import { matchingHandlers } from '../core/matching/handlers';
import { formatProblem } from '../core/import/validate';
import { defaultDatabasePath } from '../core/workspace/paths';
import { CliError, cohortOptions, failure, findCohort, noPositionals, parse, readInput, required, usage, withApi, type Output } from './api';
import { eraseCommand } from './erase';
import { learnCommand } from './learn-command';
import { exportCommand, matchCommand, publishCommand, rematchCommand } from './run-commands';
import { icsCommand, sessionsCommand } from './session-commands';
import { syncCommand } from './sync-commands';
import { certificatesCommand, reportCommand } from './report-commands';
import { feedbackCommand } from './feedback-commands';
import { checkinsCommand } from './checkin-commands';
import { remindCommand } from './remind-command';
import { dueCommand, goalsCommand, pairsCommand } from './goal-commands';

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
        [--mode max-score|max-matched-then-score] [--score weights|learned|blend [--blend 0..1]] [--json]
      Match a cohort optimally with its saved settings and your locks, forbids and capacity changes
      (the options override the saved rules); the run is kept as a draft. --score learned scores pairs
      with the program's learned score (see learn), blend mixes it with the hand-set weights.
  learn --program NAME [--json]
      Learn a match score from the program's rated pairs: what predicted a good pair, and a held-out
      test on the latest cohort against the hand-set weights (kept as the program's next model).
  rematch --cohort NAME [--program NAME] [--json]
      Mid-cycle: keep every published pair, never re-make a dissolved one, and match the people waiting.
  publish --cohort NAME [--program NAME] [--run NAME]
      Make a run (default: the newest) the cohort's active pairs.
  export --cohort NAME [--program NAME] [--run NAME] --format csv|xlsx|eml --out FILE [--from ADDRESS] [--note TEXT]
      Save a run's pairs (CSV, Excel) or its introduction emails (.eml files, zipped; they need --from).
  sessions add --cohort NAME [--program NAME] --mentee EMAIL --at YYYY-MM-DDTHH:mm [--zone mentee|mentor]
        [--minutes N] [--format video|in-person|phone] [--status planned|held|cancelled|no-show]
        [--notes TEXT] [--topics "a, b"] [--json]
      Log or schedule a session of the mentee's active pair; --at is on the --zone person's clock (default mentee).
  sessions list --cohort NAME [--program NAME] [--mentee EMAIL] [--json]
      List the cohort's (or one pair's) sessions with both people's local times.
  ics --cohort NAME [--program NAME] --organizer ADDRESS --out FILE
      Save every planned session of the cohort as one calendar file (.ics): both people invited, you organise.
  ics --cohort NAME --mentee EMAIL --at YYYY-MM-DDTHH:mm [--zone mentee|mentor] [--every DAYS] [--count N]
        [--minutes N] --organizer ADDRESS --out FILE
      A recurring series for the mentee's pair (default: every cadence, 6 sessions), on the --zone person's clock.
  sync status|now|conflicts [--server URL] [--space NAME] [--sslmode require|verify-full|…] [--json] [--all]
      Optional cloud sync through PostgreSQL: the server from --server or PAIRWISE_SYNC_URL, the program
      passphrase from PAIRWISE_SYNC_PASSPHRASE (or asked in a terminal); neither is stored in the workspace.
  report --cohort NAME [--program NAME] --format pdf|xlsx|csv --out FILE [--from YYYY-MM-DD --to YYYY-MM-DD]
        [--department NAME] [--organisation NAME] [--include-names] [--leaderboard] [--no-snapshot]
      Save the cohort's progress report; its figures are kept so the next report shows the change (not with --no-snapshot).
  certificates --cohort NAME [--program NAME] --out FILE.pdf [--email ADDRESS] [--organisation NAME] [--signatory NAME]
      Certificates of participation or completion: everyone matched, one page each, or only the person with --email.
  checkins import FILE --cohort NAME [--program NAME] [--map "Header=field,…"] [--skip-invalid] [--json]
      Import a check-in form's answers (.csv or .xlsx), each matched to the respondent's active pair by email.
      Nothing is written if any row has a problem, unless --skip-invalid is given.
  checkins list --cohort NAME [--program NAME] [--json]
      List the cohort's check-ins, the latest reported meeting first.
  remind --cohort NAME [--program NAME] [--send | --eml DIR] [--again] [--json]
      The reminder (sessions in the next 48 h) and nudge (past cadence) emails due now: previewed, sent
      through the workspace's SMTP server (password from PAIRWISE_SMTP_PASSWORD), or saved as .eml files.
      Emails that went out already are left out (a session's reminder once, a nudge once per cadence);
      --again sends every email due now once more.
  goals list --cohort NAME [--program NAME] [--mentee EMAIL] [--status open|reached|dropped] [--stuck] [--as-of WHEN] [--json]
      List the cohort's (or one mentee's) goals with progress, milestones and whether each is stuck.
  goals add --cohort NAME [--program NAME] --mentee EMAIL --title TEXT [--target YYYY-MM-DD]
        [--milestone "Title@YYYY-MM-DD" …] [--scope mentee|pair] [--percent N] [--json]
      Add a goal to the mentee's active pair.
  goals progress --cohort NAME [--program NAME] --mentee EMAIL --title TEXT [--percent N] [--status open|reached|dropped]
      Record progress on one of the mentee's goals (restarts its stuck count).
  goals template list|add|apply --cohort NAME [--program NAME] [--title TEXT] [--target DAYS] [--milestone "Title+DAYS" …]
      The program's goal templates: list, add one (days after a pair's start), or give one to every active pair.
  due [--cohort NAME | --program NAME] [--as-of WHEN] [--json]
      What needs action: sessions in the next 48 h, no first session, past cadence, stuck goals.
  pairs close --cohort NAME [--program NAME] --mentee EMAIL --outcome completed|ended-early [--reason TEXT]
  pairs close-cohort --cohort NAME [--program NAME] [--json]
      Close one pair, or the whole cohort (every active pair completed, a summary kept).
  feedback surveys|define|import|close|report --cohort NAME [--program NAME] [--json]
        define: --title TEXT --questions FILE.json [--attributed] [--roles mentor,mentee] [--group-by department,role,team] [--k N]
        import FILE --survey TITLE [--map "Header=field,…"] [--skip-invalid]; close --survey TITLE;
        report --survey TITLE [--json] [--out FILE.csv|FILE.xlsx]
      Program surveys: anonymous by default (the email is used during the import only, then discarded;
      results only once closed, for groups of at least k, with small groups and their complement hidden).
      A re-import replaces the survey's answers as a whole.
  feedback ratings FILE --cohort NAME [--program NAME] [--map …] [--skip-invalid] [--json]
  feedback pairs --cohort NAME [--program NAME] [--json]
      Import pair ratings (each matched by respondent email to an active pair); summary by mentor, low ratings.
  erase --email ADDRESS --program NAME
      Erase a person for a privacy request (records, pairs, edits, change-log values); cannot be undone.
  solve FILE.json
      Solve a bare assignment problem (mentors with capacity, mentees, scored allowed pairs); prints JSON.
  call METHOD ['JSON']
      Call any method of the contract with a JSON input; prints its JSON result. "call --list" names them.

Options:
  --db PATH   workspace database (default: ${defaultDatabasePath()})
  --help      show this help`;

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
  ['learn', learnCommand],
  ['rematch', rematchCommand],
  ['publish', publishCommand],
  ['export', exportCommand],
  ['sessions', sessionsCommand],
  ['feedback', feedbackCommand],
  ['ics', icsCommand],
  ['sync', syncCommand],
  ['report', reportCommand],
  ['certificates', certificatesCommand],
  ['checkins', checkinsCommand],
  ['remind', remindCommand],
  ['goals', goalsCommand],
  ['due', dueCommand],
  ['pairs', pairsCommand],
  ['erase', eraseCommand],
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
