import { sql, type InferResult } from 'kysely';
import { foldKey } from '../db/fold';
import type { Store } from '../db/store';
import { EntityName, ProgramSettings, type Cohort, type Program } from '../domain/program';
import { NotFoundError, UserError } from '../errors';

function toProgram(row: { id: string; name: string; settings: string; archived_at: string | null; created_at: string }): Program {
  return {
    id: row.id,
    name: row.name,
    settings: ProgramSettings.parse(JSON.parse(row.settings)),
    archived: row.archived_at !== null,
    createdAt: row.created_at,
  };
}

export function listPrograms(store: Store): Program[] {
  return store
    .all(store.q.selectFrom('programs').selectAll().where('deleted_at', 'is', null).orderBy('name').orderBy('id'))
    .map(toProgram);
}

export function getProgram(store: Store, id: string): Program {
  const row = store.first(store.q.selectFrom('programs').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No program with id ${id}`);
  return toProgram(row);
}

/** Names compare by foldKey (Unicode NFC, case folded): "ÉQUIPE" finds "Équipe". */
export function findProgramByName(store: Store, name: string): Program | undefined {
  const row = store.first(
    store.q
      .selectFrom('programs')
      .selectAll()
      .where('deleted_at', 'is', null)
      .where('name_key', '=', foldKey(name)),
  );
  return row && toProgram(row);
}

function assertUniqueProgramName(store: Store, name: string, exceptId?: string): void {
  const clash = findProgramByName(store, name);
  if (clash && clash.id !== exceptId) throw new UserError(`A program named "${clash.name}" already exists`);
}

export function createProgram(store: Store, input: { name: string }): Program {
  const name = EntityName.parse(input.name);
  const id = store.transact((w) => {
    assertUniqueProgramName(store, name);
    return w.insert('programs', { name, settings: JSON.stringify(ProgramSettings.parse({})), archived_at: null });
  });
  return getProgram(store, id);
}

export function updateProgram(
  store: Store,
  input: { id: string; name?: string; archived?: boolean; settings?: Partial<ProgramSettings> },
): Program {
  const current = getProgram(store, input.id);
  store.transact((w) => {
    const name = input.name === undefined ? undefined : EntityName.parse(input.name);
    if (name !== undefined) assertUniqueProgramName(store, name, input.id);
    w.update('programs', input.id, {
      name,
      archived_at: input.archived === undefined ? undefined : input.archived ? new Date().toISOString() : null,
      settings:
        input.settings === undefined
          ? undefined
          : JSON.stringify(ProgramSettings.parse({ ...current.settings, ...input.settings })),
    });
  });
  return getProgram(store, input.id);
}

const cohortColumns = [
  'c.id',
  'c.program_id',
  'c.name',
  'c.start_date',
  'c.archived_at',
  'c.created_at',
] as const;

function cohortQuery(store: Store) {
  return store.q
    .selectFrom('cohorts as c')
    .select(cohortColumns)
    .select([
      sql<number>`(SELECT count(*) FROM cohort_members m WHERE m.cohort_id = c.id AND m.deleted_at IS NULL AND m.role = 'mentor')`.as('mentors'),
      sql<number>`(SELECT count(*) FROM cohort_members m WHERE m.cohort_id = c.id AND m.deleted_at IS NULL AND m.role = 'mentee')`.as('mentees'),
    ])
    .where('c.deleted_at', 'is', null);
}

type CohortRow = InferResult<ReturnType<typeof cohortQuery>>[number];

function toCohort(row: CohortRow): Cohort {
  return {
    id: row.id,
    programId: row.program_id,
    name: row.name,
    startDate: row.start_date,
    archived: row.archived_at !== null,
    mentorCount: row.mentors,
    menteeCount: row.mentees,
    createdAt: row.created_at,
  };
}

export function listCohorts(store: Store, programId?: string): Cohort[] {
  let query = cohortQuery(store).orderBy('c.created_at').orderBy('c.id');
  if (programId) query = query.where('c.program_id', '=', programId);
  return store.all(query).map(toCohort);
}

export function getCohort(store: Store, id: string): Cohort {
  const row = store.first(cohortQuery(store).where('c.id', '=', id));
  if (!row) throw new NotFoundError(`No cohort with id ${id}`);
  return toCohort(row);
}

export function findCohortByName(store: Store, programId: string, name: string): Cohort | undefined {
  const row = store.first(
    cohortQuery(store)
      .where('c.program_id', '=', programId)
      .where('c.name_key', '=', foldKey(name)),
  );
  return row && toCohort(row);
}

/** Finds a cohort by name across programs (the CLI names cohorts, not ids); ambiguity is an error. */
export function resolveCohortByName(store: Store, name: string, programName?: string): Cohort {
  const programs = programName ? [findProgramByName(store, programName)].filter((p) => p !== undefined) : listPrograms(store);
  if (programName && programs.length === 0) throw new NotFoundError(`No program named "${programName}"`);
  const matches = programs.flatMap((p) => {
    const cohort = findCohortByName(store, p.id, name);
    return cohort ? [cohort] : [];
  });
  if (matches.length === 0) throw new NotFoundError(`No cohort named "${name}"${programName ? ` in program "${programName}"` : ''}`);
  if (matches.length > 1) throw new UserError(`Several programs have a cohort named "${name}": name the program with --program`);
  return matches[0]!;
}

const IsoDate = /^\d{4}-\d{2}-\d{2}$/;

export function createCohort(store: Store, input: { programId: string; name: string; startDate?: string | null }): Cohort {
  getProgram(store, input.programId);
  const name = EntityName.parse(input.name);
  if (input.startDate && !IsoDate.test(input.startDate)) throw new UserError(`Start date "${input.startDate}" is not a YYYY-MM-DD date`);
  const id = store.transact((w) => {
    if (findCohortByName(store, input.programId, name)) throw new UserError(`This program already has a cohort named "${name}"`);
    return w.insert('cohorts', { program_id: input.programId, name, start_date: input.startDate ?? null, archived_at: null, matching_settings: null, closed_at: null, summary: null });
  });
  return getCohort(store, id);
}

export function updateCohort(
  store: Store,
  input: { id: string; name?: string; archived?: boolean; startDate?: string | null },
): Cohort {
  const current = getCohort(store, input.id);
  if (input.startDate && !IsoDate.test(input.startDate)) throw new UserError(`Start date "${input.startDate}" is not a YYYY-MM-DD date`);
  store.transact((w) => {
    const name = input.name === undefined ? undefined : EntityName.parse(input.name);
    if (name !== undefined) {
      const clash = findCohortByName(store, current.programId, name);
      if (clash && clash.id !== input.id) throw new UserError(`This program already has a cohort named "${clash.name}"`);
    }
    w.update('cohorts', input.id, {
      name,
      start_date: input.startDate,
      archived_at: input.archived === undefined ? undefined : input.archived ? new Date().toISOString() : null,
    });
  });
  return getCohort(store, input.id);
}

/** Finds or creates program and cohort by name: what an import from the CLI needs. */
export function ensureProgramAndCohort(store: Store, programName: string, cohortName: string): Cohort {
  const program = findProgramByName(store, programName) ?? createProgram(store, { name: programName });
  return findCohortByName(store, program.id, cohortName) ?? createCohort(store, { programId: program.id, name: cohortName });
}
