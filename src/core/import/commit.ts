import type { Store } from '../db/store';
import { timeOrderedIds } from '../db/ids';
import { foldKeyRemembered } from '../db/writer';
import { UserError } from '../errors';
import { getCohort } from '../programs/programs';
import type { ImportSummary, RowProblem } from './contract';
import type { AvailabilityWindow } from '../domain/participant';
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

/** Each window's JSON and that JSON as the inside of a JSON string (quotes escaped), by window (see windowKey). */
const windowTexts = new Map<number, readonly [json: string, quoted: string]>();

/** One number per window, or -1 for one that is not whole minutes in range (its JSON is then not cached). */
function windowKey(w: AvailabilityWindow): number {
  const { day, start, end } = w;
  if (!Number.isInteger(day) || !Number.isInteger(start) || !Number.isInteger(end)) return -1;
  if (day < 0 || day > 6 || start < 0 || start > 1440 || end < 0 || end > 1440) return -1;
  return (day * 1441 + start) * 1441 + end;
}

/**
 * An availability list as the members table stores it, exactly JSON.stringify(windows), and as the change log
 * stores that text, exactly JSON.stringify(json), joined from each window's two texts. The file at the cell
 * limits has 10,000 lists of ~90 windows: serialising them, then quoting the ~3,000-character result again,
 * was ~150 ms of its write; a cohort's windows are a few hundred distinct ones. Windows are made by
 * parseSegment as { day, start, end } in that order, the order JSON.stringify follows; a list with any other
 * value (not whole minutes in range) is serialised as it is.
 */
export function availabilityTexts(windows: readonly AvailabilityWindow[]): { json: string; quoted: string } {
  // Appended piece by piece (V8 joins them once, when SQLite reads the text): ~20 ms less than two arrays joined.
  let json = '[';
  let quoted = '"[';
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i]!;
    const key = windowKey(w);
    if (key < 0) {
      const text = JSON.stringify(windows);
      return { json: text, quoted: JSON.stringify(text) };
    }
    let texts = windowTexts.get(key);
    if (!texts) {
      const text = JSON.stringify({ day: w.day, start: w.start, end: w.end });
      // Digits, letters, braces, colons and quotes: a JSON string of it escapes the quotes only.
      texts = [text, JSON.stringify(text).slice(1, -1)];
      if (windowTexts.size >= 5000) windowTexts.clear();
      windowTexts.set(key, texts);
    }
    if (i > 0) {
      json += ',';
      quoted += ',';
    }
    json += texts[0];
    quoted += texts[1];
  }
  return { json: `${json}]`, quoted: `${quoted}]"` };
}

/** A column's JSON text, as its row stores it, and that text's JSON, as the change log stores it. */
export interface ColumnTexts {
  json: string;
  quoted: string;
}

/** The JSON columns of a member (see memberColumns). */
export interface MemberTexts {
  availability: ColumnTexts;
  interests: ColumnTexts;
  expertise: ColumnTexts;
  languages: ColumnTexts;
}

const textsOf = (value: unknown): ColumnTexts => {
  const json = JSON.stringify(value);
  return { json, quoted: JSON.stringify(json) };
};

/**
 * A list column's texts, the last list's reused when this one holds the same items: list cells repeat from row
 * to row ("English; Spanish"), and the file at the cell limits has 10,000 alike lists of 60 items in each of three
 * columns (JSON.stringify twice each: ~70 ms). Items compare as strings; remembered cells share theirs, so most
 * compare by reference.
 */
export function listTexter(): (items: readonly string[]) => ColumnTexts {
  let last: readonly string[] | undefined;
  let texts = textsOf([]);
  return (items) => {
    if (last === undefined || last.length !== items.length || !items.every((item, i) => item === last![i])) {
      texts = textsOf(items);
      last = items.slice();
    }
    return texts;
  };
}

/** A member's JSON columns; `lists` reuses the texts of a list written just before (commitImport). */
export function memberTexts(person: ImportedPerson, lists?: Record<'interests' | 'expertise' | 'languages', (items: readonly string[]) => ColumnTexts>): MemberTexts {
  return {
    availability: availabilityTexts(person.availability),
    interests: lists ? lists.interests(person.interests) : textsOf(person.interests),
    expertise: lists ? lists.expertise(person.expertise) : textsOf(person.expertise),
    languages: lists ? lists.languages(person.languages) : textsOf(person.languages),
  };
}

/** The cohort_members columns an import writes for a person (the preview compares the same values). */
export function memberColumns(person: ImportedPerson, texts: MemberTexts = memberTexts(person)) {
  return {
    role: person.role,
    capacity: person.capacity,
    timezone: person.timezone,
    interests: texts.interests.json,
    expertise: texts.expertise.json,
    languages: texts.languages.json,
    goals: person.goals,
    bio: person.bio,
    department: person.department,
    team: person.team,
    manager_email: person.managerEmail,
    seniority_years: person.seniorityYears,
    availability: texts.availability.json,
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
    const lists = { interests: listTexter(), expertise: listTexter(), languages: listTexter() };
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    for (const person of table.valid) {
      const key = foldKeyRemembered(person.email);
      const existing = people.get(key);
      if (!existing) {
        // The id last: the columns are written, and their change rows recorded, in the order they always were.
        const personId = w.insert('people', { program_id: cohort.programId, email: person.email, full_name: person.fullName, id: ids[nextId++]! });
        const texts = memberTexts(person, lists);
        const memberId = w.insert(
          'cohort_members',
          { cohort_id: cohortId, person_id: personId, approval: 'pending', ...memberColumns(person, texts), id: ids[nextId++]! },
          { availability: texts.availability.quoted, interests: texts.interests.quoted, expertise: texts.expertise.quoted, languages: texts.languages.quoted },
        );
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
