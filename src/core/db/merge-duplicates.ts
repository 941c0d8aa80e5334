import type BetterSqlite3 from 'better-sqlite3';
import { foldKey } from './fold';
import type { Writer } from './writer';

interface Row {
  id: string;
  [column: string]: unknown;
}

export interface MergeReport {
  programs: number;
  cohorts: number;
  people: number;
  members: number;
}

/** Groups of two or more rows with the same key, each in the order given (the survivor first). */
function duplicates(rows: Row[], key: (row: Row) => string): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

/** Key -> id of the first row with that key (the oldest, as rows come ordered; duplicates among them merge later). */
function firstByKey(rows: Row[], key: (row: Row) => string): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of rows) if (!map.has(key(row))) map.set(key(row), row.id);
  return map;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Merges the rows that name the same thing once names compare by foldKey: live programs with the same
 * folded name, live cohorts of a program with the same folded name, live people of a program with the
 * same folded email (migration 5; before it, "Équipe" imported twice made two programs). The oldest row
 * (created_at, then id) survives; every child of a duplicate, tombstoned ones included, is re-pointed to
 * it and the duplicate is tombstoned, all through the writer, so the change log records the merge and
 * replaying it rebuilds the merged workspace. Then every row's folded key is filled in.
 *
 * When both merged cohorts have active pairs, those of the cohort published last stay active and the
 * others end; a mentee who ends up with two active pairs keeps the surviving member's. Values the
 * survivor lacks (a cohort's start date or matching settings) are taken from the duplicate; otherwise the
 * survivor's values win. Runs that would share a name with a run of the surviving cohort are renamed
 * "Run 1 (merged)".
 */
export function mergeFoldedDuplicates(sqlite: BetterSqlite3.Database, writer: Writer, now = new Date().toISOString()): MergeReport {
  const merger = new Merger(sqlite, writer, now);
  merger.run();
  return merger.report;
}

class Merger {
  readonly report: MergeReport = { programs: 0, cohorts: 0, people: 0, members: 0 };

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly w: Writer,
    private readonly now: string,
  ) {}

  private rows(sql: string, ...params: unknown[]): Row[] {
    return this.sqlite.prepare(sql).all(...params) as Row[];
  }

  run(): void {
    const live = (table: string, columns: string) => this.rows(`SELECT id, ${columns} FROM ${table} WHERE deleted_at IS NULL ORDER BY created_at, id`);
    for (const [survivor, ...rest] of duplicates(live('programs', 'name'), (r) => foldKey(text(r.name)))) {
      for (const duplicate of rest) this.program(duplicate.id, survivor!.id);
    }
    for (const [survivor, ...rest] of duplicates(live('cohorts', 'program_id, name'), (r) => `${text(r.program_id)}\0${foldKey(text(r.name))}`)) {
      for (const duplicate of rest) this.cohort(duplicate.id, survivor!.id);
    }
    for (const [survivor, ...rest] of duplicates(live('people', 'program_id, email'), (r) => `${text(r.program_id)}\0${foldKey(text(r.email))}`)) {
      for (const duplicate of rest) this.person(duplicate.id, survivor!.id);
    }
    // Two live members of one cohort who are one person can also arrive as they are: a person added again
    // on one machine after their membership was removed, while another machine (not yet seen) kept its own.
    // They are one member: the oldest survives and the other's pairs and edits follow it.
    const members = this.rows('SELECT id, cohort_id, person_id FROM cohort_members WHERE deleted_at IS NULL ORDER BY created_at, id');
    for (const [survivor, ...rest] of duplicates(members, (r) => `${text(r.cohort_id)}\0${text(r.person_id)}`)) {
      for (const duplicate of rest) this.member(duplicate.id, survivor!.id);
    }
    for (const table of ['programs', 'cohorts', 'people'] as const) {
      for (const { id } of this.rows(`SELECT id FROM ${table} ORDER BY created_at, id`)) this.w.refreshDerived(table, id);
    }
  }

  private program(from: string, into: string): void {
    const cohorts = firstByKey(this.rows('SELECT id, name FROM cohorts WHERE program_id = ? AND deleted_at IS NULL ORDER BY created_at, id', into), (c) => foldKey(text(c.name)));
    for (const cohort of this.rows('SELECT id, name, deleted_at FROM cohorts WHERE program_id = ? ORDER BY created_at, id', from)) {
      const same = cohort.deleted_at === null ? cohorts.get(foldKey(text(cohort.name))) : undefined;
      if (same) this.cohort(cohort.id, same);
      else if (cohort.deleted_at === null) cohorts.set(foldKey(text(cohort.name)), cohort.id);
      this.w.update('cohorts', cohort.id, { program_id: into });
    }
    const people = firstByKey(this.rows('SELECT id, email FROM people WHERE program_id = ? AND deleted_at IS NULL ORDER BY created_at, id', into), (p) => foldKey(text(p.email)));
    for (const person of this.rows('SELECT id, email, deleted_at FROM people WHERE program_id = ? ORDER BY created_at, id', from)) {
      const same = person.deleted_at === null ? people.get(foldKey(text(person.email))) : undefined;
      if (same) this.person(person.id, same);
      else if (person.deleted_at === null) people.set(foldKey(text(person.email)), person.id);
      this.w.update('people', person.id, { program_id: into });
    }
    this.w.remove('programs', from);
    this.report.programs += 1;
  }

  private cohort(from: string, into: string): void {
    const active = (cohort: string) => this.rows("SELECT id FROM pairs WHERE cohort_id = ? AND status = 'active' AND deleted_at IS NULL", cohort);
    const lastPublished = (cohort: string) =>
      text(this.rows('SELECT max(published_at) AS id FROM publications WHERE cohort_id = ? AND deleted_at IS NULL', cohort)[0]?.id);
    const [activeFrom, activeInto] = [active(from), active(into)];
    if (activeFrom.length > 0 && activeInto.length > 0) {
      const ending = lastPublished(from) > lastPublished(into) ? activeInto : activeFrom;
      for (const pair of ending) this.w.update('pairs', pair.id, { status: 'ended', ended_at: this.now });
    }

    const members = new Map(this.rows('SELECT id, person_id FROM cohort_members WHERE cohort_id = ? AND deleted_at IS NULL', into).map((m) => [text(m.person_id), m.id]));
    for (const member of this.rows('SELECT id, person_id, deleted_at FROM cohort_members WHERE cohort_id = ? ORDER BY created_at, id', from)) {
      const same = member.deleted_at === null ? members.get(text(member.person_id)) : undefined;
      if (same) this.member(member.id, same);
      this.w.update('cohort_members', member.id, { cohort_id: into });
    }

    const offset = Number(this.rows('SELECT coalesce(max(position), 0) AS id FROM matching_edits WHERE cohort_id = ?', into)[0]?.id ?? 0);
    for (const edit of this.rows('SELECT id, position FROM matching_edits WHERE cohort_id = ? ORDER BY position, id', from)) {
      this.w.update('matching_edits', edit.id, { cohort_id: into, position: offset + Number(edit.position) });
    }
    const names = new Set(this.rows('SELECT name AS id FROM match_runs WHERE cohort_id = ?', into).map((r) => foldKey(r.id)));
    for (const run of this.rows('SELECT id, name FROM match_runs WHERE cohort_id = ? ORDER BY created_at, id', from)) {
      let name = text(run.name);
      for (let n = 1; names.has(foldKey(name)); n++) name = `${text(run.name)} (merged${n > 1 ? ` ${n}` : ''})`;
      names.add(foldKey(name));
      this.w.update('match_runs', run.id, { cohort_id: into, name });
    }
    for (const table of ['publications', 'pairs'] as const) {
      for (const { id } of this.rows(`SELECT id FROM ${table} WHERE cohort_id = ?`, from)) this.w.update(table, id, { cohort_id: into });
    }

    const [survivor, duplicate] = [into, from].map((id) => this.rows('SELECT start_date, matching_settings FROM cohorts WHERE id = ?', id)[0]!);
    this.w.update('cohorts', into, {
      start_date: (survivor!.start_date ?? duplicate!.start_date) as string | null,
      matching_settings: (survivor!.matching_settings ?? duplicate!.matching_settings) as string | null,
    });
    this.w.remove('cohorts', from);
    this.report.cohorts += 1;
  }

  private person(from: string, into: string): void {
    for (const member of this.rows('SELECT id, cohort_id, deleted_at FROM cohort_members WHERE person_id = ? ORDER BY created_at, id', from)) {
      const same =
        member.deleted_at === null
          ? this.rows('SELECT id FROM cohort_members WHERE cohort_id = ? AND person_id = ? AND deleted_at IS NULL', member.cohort_id, into)[0]
          : undefined;
      if (same) this.member(member.id, same.id);
      this.w.update('cohort_members', member.id, { person_id: into });
    }
    this.w.remove('people', from);
    this.report.people += 1;
  }

  /** Two members of one cohort who are one person: pairs, edits and the ids inside saved runs follow the survivor. */
  private member(from: string, into: string): void {
    const activeAsMentee = (member: string) => this.rows("SELECT id FROM pairs WHERE mentee_id = ? AND status = 'active' AND deleted_at IS NULL", member);
    if (activeAsMentee(into).length > 0) {
      for (const pair of activeAsMentee(from)) this.w.update('pairs', pair.id, { status: 'ended', ended_at: this.now });
    }
    const repoint = (id: unknown) => (id === from ? into : (id as string | null));
    for (const table of ['pairs', 'matching_edits'] as const) {
      for (const row of this.rows(`SELECT id, mentee_id, mentor_id FROM ${table} WHERE mentee_id = ? OR mentor_id = ?`, from, from)) {
        this.w.update(table, row.id, { mentee_id: repoint(row.mentee_id)!, mentor_id: repoint(row.mentor_id)! });
      }
    }
    const replace = (json: unknown) => (typeof json === 'string' ? json.replaceAll(from, into) : null);
    for (const run of this.rows('SELECT id, settings, result, insights FROM match_runs WHERE instr(settings, ?) OR instr(result, ?) OR instr(insights, ?)', from, from, from)) {
      this.w.update('match_runs', run.id, { settings: replace(run.settings)!, result: replace(run.result)!, insights: replace(run.insights)! });
    }
    for (const edit of this.rows('SELECT id, payload FROM matching_edits WHERE instr(payload, ?)', from)) {
      this.w.update('matching_edits', edit.id, { payload: replace(edit.payload) });
    }
    this.w.remove('cohort_members', from);
    this.report.members += 1;
  }
}
