import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openStore } from '../core/db/open';
import type { Store } from '../core/db/store';
import { UserError } from '../core/errors';
import { applyMappingOverrides, commitImport, detectMapping, formatProblem, ImportRejectedError, prepareImport, type ColumnMapping } from '../core/import';
import { readTable } from '../core/import/read-table';
import { listMembers } from '../core/participants/members';
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

const COMMANDS: Record<string, (args: string[], io: Output) => Promise<number>> = {
  import: importCommand,
  people: peopleCommand,
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
