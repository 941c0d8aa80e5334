import { foldKey } from '../db/fold';
import type { Store } from '../db/store';
import { timeOrderedIds } from '../db/ids';
import { UserError } from '../errors';
import { getCohort } from '../programs/programs';
import type { ImportSummary, RowProblem } from './contract';
import { formatProblem, type ImportedPerson, type ValidatedTable } from './validate';

/** Thrown when rows are invalid and skipping was not chosen; nothing has been written. */
export class ImportRejectedError extends UserError {
  constructor(readonly problems: RowProblem[]) {
    const shown = problems.slice(0, 20).map(formatProblem);
    const more = problems.length > shown.length ? `\n… and ${problems.length - shown.length} more` : '';
    super(
      `Nothing was imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} found. Fix the file or skip invalid rows.\n${shown.join('\n')}${more}`,
    );
  }
}

/** The cohort_members columns an import writes for a person (the preview compares the same values). */
export function memberColumns(person: ImportedPerson) {
  return {
    role: person.role,
    capacity: person.capacity,
    timezone: person.timezone,
    interests: JSON.stringify(person.interests),
    expertise: JSON.stringify(person.expertise),
    languages: JSON.stringify(person.languages),
    goals: person.goals,
    bio: person.bio,
    department: person.department,
    team: person.team,
    manager_email: person.managerEmail,
    seniority_years: person.seniorityYears,
    availability: JSON.stringify(person.availability),
  };
}

/**
 * Writes validated rows into a cohort in one transaction: all accepted rows or nothing. A person whose
 * email the program already knows is updated (and joins this cohort), not duplicated.
 */
export function commitImport(
  store: Store,
  cohortId: string,
  table: ValidatedTable,
  options: { skipInvalid: boolean; now?: Date },
): ImportSummary {
  if (table.problems.length > 0 && !options.skipInvalid) throw new ImportRejectedError(table.problems);
  const cohort = getCohort(store, cohortId);
  // Time-ordered ids for the rows it adds (src/core/domain/ids.ts): 10,000 people and members append to the
  // primary-key indexes instead of inserting all over them (~25 % of their insert time). Their time is the
  // caller's clock when given, else the one the writer stamps row times with.
  const ids = timeOrderedIds((options.now ?? new Date()).getTime(), table.valid.length * 2);
  let nextId = 0;

  return store.transact((w) => {
    // People are the same person when their emails fold alike (foldKey, the people_program_email_key index).
    const people = new Map(
      store
        .all(
          store.q
            .selectFrom('people')
            .select(['id', 'email_key'])
            .where('program_id', '=', cohort.programId)
            .where('deleted_at', 'is', null),
        )
        .map((p) => [p.email_key, p.id]),
    );
    const members = new Map(
      store
        .all(store.q.selectFrom('cohort_members').select(['id', 'person_id']).where('cohort_id', '=', cohortId).where('deleted_at', 'is', null))
        .map((m) => [m.person_id, m.id]),
    );
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    for (const person of table.valid) {
      const key = foldKey(person.email);
      const existing = people.get(key);
      if (!existing) {
        // The id last: the columns are written, and their change rows recorded, in the order they always were.
        const personId = w.insert('people', { program_id: cohort.programId, email: person.email, full_name: person.fullName, id: ids[nextId++]! });
        const memberId = w.insert('cohort_members', { cohort_id: cohortId, person_id: personId, approval: 'pending', ...memberColumns(person), id: ids[nextId++]! });
        people.set(key, personId);
        members.set(personId, memberId);
        added += 1;
        continue;
      }
      let changes = w.update('people', existing, { full_name: person.fullName });
      const memberId = members.get(existing);
      if (memberId) {
        changes += w.update('cohort_members', memberId, memberColumns(person));
      } else {
        members.set(existing, w.insert('cohort_members', { cohort_id: cohortId, person_id: existing, approval: 'pending', ...memberColumns(person), id: ids[nextId++]! }));
        changes += 1;
      }
      if (changes > 0) updated += 1;
      else unchanged += 1;
    }
    return { added, updated, unchanged, skipped: table.invalidLines.length, problems: table.problems };
  });
}
