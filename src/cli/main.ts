import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openStore } from '../core/db/open';
import type { Store } from '../core/db/store';
import { UserError } from '../core/errors';
import { applyMappingOverrides, commitImport, detectMapping, formatProblem, ImportRejectedError, prepareImport, type ColumnMapping } from '../core/import';
import { readTable } from '../core/import/read-table';
import { solveJson, SolveInputError } from '../core/matching';
import { listMembers } from '../core/participants/members';
import { runMatchRound } from '../core/rounds/rounds';
import { ensureProgramAndCohort, resolveCohortByName } from '../core/programs/programs';
import { defaultDatabasePath } from '../core/workspace/paths';

/** Exit codes: 0 ok, 1 data errors (bad rows, unknown cohort…), 2 usage errors. */
class UsageError extends Error {}

const USAGE = `Usage: npm run -s pairwise -- <command> [options]

Commands:
  import FILE --program NAME --cohort NAME [--db PATH] [--skip-invalid] [--map "Header=field,…"]
      Import a registration-form export (.csv, .tsv or .xlsx) into a cohort (created if new).
      Nothing is written if any row is invalid, unless --skip-invalid is given.
  people --cohort NAME [--program NAME] [--db PATH] [--json]
      List a cohort's members (--json: a JSON array only).
  solve FILE.json
      Solve a bare assignment problem (mentors with capacity, mentees, scored allowed pairs); prints JSON.
  match --cohort NAME [--program NAME] [--db PATH] [--max-tz-diff HOURS | --min-overlap HOURS]
        [--mode max-score|max-matched-then-score] [--json]
      Match an imported cohort optimally and save the run as a draft round.

Options:
  --db PATH   workspace database (default: ${defaultDatabasePath()})
  --help      show this help`;

type Output = { out: (text: string) => void; err: (text: string) => void };

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, db: { type: 'string' as const } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value;
}

async function withStore<T>(dbPath: string | undefined, fn: (store: Store) => Promise<T> | T): Promise<T> {
  const store = await openStore(dbPath ?? defaultDatabasePath());
  try {
    return await fn(store);
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
  if (positionals.length !== 1) throw new UsageError('import takes exactly one FILE');
  const file = positionals[0]!;
  const program = required(values.program, '--program');
  const cohortName = required(values.cohort, '--cohort');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UserError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let mapping: ColumnMapping | undefined;
  if (typeof values.map === 'string') {
    const table = await readTable(file, bytes);
    try {
      mapping = applyMappingOverrides(detectMapping(table.headers), values.map);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const validated = await prepareImport({ fileName: basename(file), bytes, mapping });
  const skipInvalid = values['skip-invalid'] === true;
  return withStore(values.db, (store) => {
    // Program, cohort and rows commit together: a rejected file leaves no empty cohort behind.
    const summary = store.transact(() => {
      const cohort = ensureProgramAndCohort(store, program, cohortName);
      return commitImport(store, cohort.id, validated, { skipInvalid });
    });
    io.out(
      `Imported into ${program} / ${cohortName}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} skipped.`,
    );
    for (const problem of summary.problems) io.err(`skipped ${formatProblem(problem)}`);
    return 0;
  });
}

async function peopleCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { cohort: { type: 'string' }, program: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`people takes no FILE (got "${positionals[0]}")`);
  const cohortName = required(values.cohort, '--cohort');
  return withStore(values.db, (store) => {
    const cohort = resolveCohortByName(store, cohortName, values.program);
    const people = listMembers(store, cohort.id).map((m) => ({
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
  });
}

async function solveCommand(args: string[], io: Output): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError('solve takes exactly one FILE.json');
  const file = positionals[0]!;
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code ? `Cannot read ${file}: ${code}` : `${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    io.out(JSON.stringify(solveJson(input), null, 2));
  } catch (error) {
    if (error instanceof SolveInputError) throw new UserError(error.message);
    throw error;
  }
  return 0;
}

function hoursOption(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours < 0 || hours > max) throw new UsageError(`${flag} takes a number of hours from 0 to ${max}, not "${value}"`);
  return hours;
}

async function matchCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    cohort: { type: 'string' },
    program: { type: 'string' },
    'max-tz-diff': { type: 'string' },
    'min-overlap': { type: 'string' },
    mode: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`match takes no FILE (got "${positionals[0]}")`);
  const cohortName = required(values.cohort, '--cohort');
  const maxDiff = hoursOption(values['max-tz-diff'], '--max-tz-diff', 12);
  const minOverlap = hoursOption(values['min-overlap'], '--min-overlap', 168);
  if (maxDiff !== undefined && minOverlap !== undefined) throw new UsageError('Choose one time-zone rule: --max-tz-diff or --min-overlap');
  const mode = values.mode ?? 'max-score';
  if (mode !== 'max-score' && mode !== 'max-matched-then-score') throw new UsageError(`--mode is max-score or max-matched-then-score, not "${mode}"`);
  const timezone =
    maxDiff !== undefined ? { kind: 'max-offset-diff' as const, hours: maxDiff } : minOverlap !== undefined ? { kind: 'min-overlap' as const, hours: minOverlap } : { kind: 'none' as const };

  return withStore(values.db, async (store) => {
    const cohort = resolveCohortByName(store, cohortName, values.program);
    const round = await runMatchRound(store, { cohortId: cohort.id, settings: { mode, rules: { timezone } } });
    const email = new Map(listMembers(store, cohort.id).map((m) => [m.id, m.email]));
    const { result } = round;
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            status: result.status,
            objective: result.objective,
            totalScore: result.totalScore,
            matched: result.matched,
            roundId: round.id,
            assignments: result.assignments.map((a) => ({
              mentee: email.get(a.menteeId),
              mentor: email.get(a.mentorId),
              score: a.score,
              locked: a.locked,
              breakdown: Object.fromEntries(Object.entries(a.breakdown).map(([k, v]) => [k, v.contribution])),
              tzDiffHours: a.tzDiffHours,
              overlapHours: a.overlapHours,
              sharedTopics: a.sharedTopics,
            })),
            unmatched: result.unmatched.map((u) => ({ email: email.get(u.menteeId), reason: u.reason })),
            certificate: result.certificate,
          },
          null,
          2,
        ),
      );
    } else {
      io.out(
        `${round.name} of ${cohort.name}: ${result.matched} matched, ${result.unmatched.length} unmatched, total score ${result.totalScore.toFixed(3)} — ${result.status === 'optimal' ? 'proved optimal' : result.status}.`,
      );
      for (const a of result.assignments) io.out(`  ${email.get(a.menteeId)} → ${email.get(a.mentorId)}  ${a.score.toFixed(3)}${a.locked ? ' (locked)' : ''}`);
      for (const u of result.unmatched) io.out(`  unmatched ${email.get(u.menteeId)}: ${u.reason}`);
      io.out(`Saved as draft round ${round.id}.`);
    }
    return 0;
  });
}

const COMMANDS: Record<string, (args: string[], io: Output) => Promise<number>> = {
  import: importCommand,
  people: peopleCommand,
  solve: solveCommand,
  match: matchCommand,
};

export async function runCli(argv: string[], io: Output): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
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
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ImportRejectedError || error instanceof UserError) {
      io.err(error.message);
      return 1;
    }
    io.err(`Unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replaceAll('\\', '/').split('/').pop()!);
if (isMain) {
  runCli(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }).then(
    (code) => {
      process.exitCode = code;
    },
  );
}
