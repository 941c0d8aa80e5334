import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { foldKey } from '../db/fold';
import type { Store } from '../db/store';
import { NotFoundError } from '../errors';
import { normaliseEmail } from '../import/normalise';
import { findProgramByName } from '../programs/programs';
import type { ErasurePlan, ErasureResult, Person } from './contract';

/**
 * Erasing a person for a privacy request. members.remove tombstones one cohort record and keeps
 * history; erasing deletes everything Pairwise holds about the person in a program, for good:
 *
 *  - every people row of the program with their folded email (a merged duplicate is theirs too), every
 *    cohort record of theirs, the published pairs and the matching edits that name those records;
 *  - their email where other participants name them as manager (cleared through the writer);
 *  - in the change log, the value of every change row of those rows (and of those manager emails) is
 *    replaced by null and the row marked `erased_at`: replay skips marked rows, so nothing brings the
 *    person back, while the log still shows that rows existed and changed;
 *  - all in one transaction; then VACUUM rebuilds the file and a TRUNCATE checkpoint empties the WAL,
 *    so the old bytes are gone from both.
 *
 * Saved runs keep their results: they hold member ids only, which then lead to no one (people.erasedIds
 * tells such ids from removed ones, so they can read "(erased)"). Free text that merely mentions the
 * person (another participant's bio) is not searched.
 */

const IN = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;
const json = (ids: readonly string[]) => JSON.stringify(ids);

interface PersonRow {
  id: string;
  program_id: string;
  program_name: string;
  full_name: string;
  email: string;
  email_key: string | null;
}

interface Scope {
  plan: ErasurePlan;
  personIds: string[];
  memberIds: string[];
  pairIds: string[];
  editIds: string[];
  sessionIds: string[];
  /** Pair feedback: ratings of their pairs (either side's), and their answers to attributed surveys. */
  ratingIds: string[];
  responseIds: string[];
  /** Goals of their pairs and those goals' milestones. */
  goalIds: string[];
  milestoneIds: string[];
  /** Check-in answers of their pairs or given by them, and the record of reminder emails to their pairs. */
  checkinIds: string[];
  reminderIds: string[];
  resets: { id: string; payload: string }[];
  managerMembers: string[];
  managerChanges: number[];
}

function personRow(store: Store, personId: string): PersonRow {
  const row = store.sqlite
    .prepare('SELECT p.id, p.program_id, g.name AS program_name, p.full_name, p.email, p.email_key FROM people p JOIN programs g ON g.id = p.program_id WHERE p.id = ?')
    .get(personId) as PersonRow | undefined;
  if (!row) throw new NotFoundError(`No person with id ${personId}`);
  return row;
}

const toPerson = (row: PersonRow): Person => ({ id: row.id, programId: row.program_id, programName: row.program_name, fullName: row.full_name, email: row.email });

/** A person by program name and email, as a privacy request names them; emails compare folded. */
export function findPerson(store: Store, programName: string, email: string): Person {
  const program = findProgramByName(store, programName);
  if (!program) throw new NotFoundError(`No program named "${programName}"`);
  const normalised = normaliseEmail(email);
  const key = foldKey(normalised.ok ? normalised.value : email);
  const row = store.sqlite
    .prepare('SELECT id FROM people WHERE program_id = ? AND email_key = ? ORDER BY deleted_at IS NOT NULL, created_at, id LIMIT 1')
    .get(program.id, key) as { id: string } | undefined;
  if (!row) throw new NotFoundError(`No one with the email ${email.trim()} in program "${program.name}"`);
  return toPerson(personRow(store, row.id));
}

/** Locks, forbids and capacity changes of a reset edit, without the erased records. */
function withoutMembers(payload: string, memberIds: ReadonlySet<string>): string {
  try {
    const to = JSON.parse(payload) as { locks?: { menteeId: string; mentorId: string }[]; forbids?: { menteeId: string; mentorId: string }[]; capacity?: Record<string, number> };
    const keep = (pair: { menteeId: string; mentorId: string }) => !memberIds.has(pair.menteeId) && !memberIds.has(pair.mentorId);
    return JSON.stringify({
      ...to,
      ...(to.locks && { locks: to.locks.filter(keep) }),
      ...(to.forbids && { forbids: to.forbids.filter(keep) }),
      ...(to.capacity && { capacity: Object.fromEntries(Object.entries(to.capacity).filter(([mentorId]) => !memberIds.has(mentorId))) }),
    });
  } catch {
    return payload;
  }
}

function scope(store: Store, personId: string): Scope {
  const db = store.sqlite;
  const person = personRow(store, personId);
  const key = person.email_key ?? foldKey(person.email);
  const personIds = (db.prepare('SELECT id FROM people WHERE program_id = ? AND (id = ? OR email_key = ?) ORDER BY created_at, id').all(person.program_id, person.id, key) as { id: string }[]).map((r) => r.id);
  const members = db
    .prepare(`SELECT m.id, m.cohort_id, c.name, m.role, m.deleted_at FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE ${IN('m.person_id')} ORDER BY m.created_at, m.id`)
    .all(json(personIds)) as { id: string; cohort_id: string; name: string; role: 'mentor' | 'mentee'; deleted_at: string | null }[];
  const memberIds = members.map((m) => m.id);
  const memberSet = new Set(memberIds);
  const pairs = db.prepare(`SELECT id, status, deleted_at FROM pairs WHERE ${IN('mentee_id')} OR ${IN('mentor_id')}`).all(json(memberIds), json(memberIds)) as {
    id: string;
    status: string;
    deleted_at: string | null;
  }[];
  const editIds = (db.prepare(`SELECT id FROM matching_edits WHERE ${IN('mentee_id')} OR ${IN('mentor_id')}`).all(json(memberIds), json(memberIds)) as { id: string }[]).map((r) => r.id);
  const resets = (db.prepare("SELECT id, payload FROM matching_edits WHERE kind = 'reset' AND payload IS NOT NULL").all() as { id: string; payload: string }[]).filter(
    (edit) => memberIds.some((id) => edit.payload.includes(id)),
  );
  // Their email as someone's manager, anywhere in the workspace: the email is theirs whichever program names it.
  const managerMembers = (db.prepare('SELECT id, manager_email FROM cohort_members WHERE manager_email IS NOT NULL').all() as { id: string; manager_email: string }[])
    .filter((m) => !memberSet.has(m.id) && foldKey(m.manager_email) === key)
    .map((m) => m.id);
  const managerChanges = (
    db.prepare("SELECT seq, row_id, value FROM changes WHERE tbl = 'cohort_members' AND col = 'manager_email' AND value != 'null' AND erased_at IS NULL").all() as {
      seq: number;
      row_id: string;
      value: string;
    }[]
  )
    .filter((c) => !memberSet.has(c.row_id) && foldKey(String(JSON.parse(c.value))) === key)
    .map((c) => c.seq);
  const pairIds = pairs.map((p) => p.id);
  // Sessions of those pairs (their times, notes and topics are about them) go with the pairs.
  const sessionIds = (db.prepare(`SELECT id FROM sessions WHERE ${IN('pair_id')}`).all(json(pairIds)) as { id: string }[]).map((r) => r.id);
  // Goals of those pairs and their milestones (what the mentee works on) go with the pairs too.
  const goalIds = (db.prepare(`SELECT id FROM goals WHERE ${IN('pair_id')}`).all(json(pairIds)) as { id: string }[]).map((r) => r.id);
  const milestoneIds = (db.prepare(`SELECT id FROM goal_milestones WHERE ${IN('goal_id')}`).all(json(goalIds)) as { id: string }[]).map((r) => r.id);
  const ratingIds = (db.prepare(`SELECT id FROM pair_ratings WHERE ${IN('pair_id')} OR ${IN('person_id')}`).all(json(pairIds), json(personIds)) as { id: string }[]).map((r) => r.id);
  // Check-in answers of those pairs, or given by them (their comments are about the pair).
  const checkinIds = (db.prepare(`SELECT id FROM checkins WHERE ${IN('pair_id')} OR ${IN('respondent_member_id')}`).all(json(pairIds), json(memberIds)) as { id: string }[]).map((r) => r.id);
  const reminderIds = (db.prepare(`SELECT id FROM reminders_sent WHERE ${IN('pair_id')}`).all(json(pairIds)) as { id: string }[]).map((r) => r.id);
  // Anonymous answers hold no person id: only attributed surveys' answers are theirs to erase.
  const responseIds = (db.prepare(`SELECT id FROM survey_responses WHERE ${IN('person_id')}`).all(json(personIds)) as { id: string }[]).map((r) => r.id);
  const ownChanges = db.prepare(`SELECT count(*) AS n FROM changes WHERE erased_at IS NULL AND (${ownRows})`).get(...ownRowParams(personIds, memberIds, pairIds, editIds, sessionIds, ratingIds, responseIds, goalIds, milestoneIds, checkinIds, reminderIds)) as { n: number };
  const cohortIds = [...new Set(members.map((m) => m.cohort_id))];
  const runs = (db.prepare(`SELECT settings, result FROM match_runs WHERE ${IN('cohort_id')}`).all(json(cohortIds)) as { settings: string; result: string }[]).filter((run) =>
    memberIds.some((id) => run.result.includes(id) || run.settings.includes(id)),
  ).length;
  const dir = dirname(store.path);
  const backups =
    store.path === ':memory:' ? [] : readdirSync(dir).filter((name) => name.startsWith(`${basename(store.path)}.v`) && name.endsWith('.backup')).sort().map((name) => join(dir, name));
  return {
    personIds,
    memberIds,
    pairIds,
    editIds,
    sessionIds,
    ratingIds,
    responseIds,
    goalIds,
    milestoneIds,
    checkinIds,
    reminderIds,
    resets,
    managerMembers,
    managerChanges,
    plan: {
      person: toPerson(person),
      memberships: members.map((m) => ({ memberId: m.id, cohortId: m.cohort_id, cohortName: m.name, role: m.role, removed: m.deleted_at !== null })),
      pairs: pairs.length,
      activePairs: pairs.filter((p) => p.status === 'active' && p.deleted_at === null).length,
      sessions: sessionIds.length,
      edits: editIds.length,
      managerReferences: managerMembers.length,
      changeRows: ownChanges.n + managerChanges.length,
      runs,
      backups,
    },
  };
}

/** The change rows of the erased rows themselves: one scan of the log. */
const ownRows = ['people', 'cohort_members', 'pairs', 'matching_edits', 'sessions', 'pair_ratings', 'survey_responses', 'goals', 'goal_milestones', 'checkins', 'reminders_sent'].map((table) => `(tbl = '${table}' AND ${IN('row_id')})`).join(' OR ');
const ownRowParams = (...ids: string[][]) => ids.map(json);

export function erasurePlan(store: Store, personId: string): ErasurePlan {
  return scope(store, personId).plan;
}

export function erasePerson(store: Store, personId: string): ErasureResult {
  const { plan, personIds, memberIds, pairIds, editIds, sessionIds, ratingIds, responseIds, goalIds, milestoneIds, checkinIds, reminderIds, resets, managerMembers, managerChanges } = scope(store, personId);
  const erasedAt = new Date().toISOString();
  const memberSet = new Set(memberIds);
  store.transact((w) => {
    for (const id of managerMembers) w.update('cohort_members', id, { manager_email: null });
    for (const edit of resets) w.update('matching_edits', edit.id, { payload: withoutMembers(edit.payload, memberSet) });
    // Children first: sessions point at pairs, pairs at cohort records, which point at people.
    for (const [table, ids] of [
      ['pair_ratings', ratingIds],
      ['checkins', checkinIds],
      ['reminders_sent', reminderIds],
      ['survey_responses', responseIds],
      ['sessions', sessionIds],
      ['goal_milestones', milestoneIds],
      ['goals', goalIds],
      ['pairs', pairIds],
      ['matching_edits', editIds],
      ['cohort_members', memberIds],
      ['people', personIds],
    ] as const) {
      store.sqlite.prepare(`DELETE FROM ${table} WHERE ${IN('id')}`).run(json(ids));
    }
    store.sqlite.prepare(`UPDATE changes SET value = 'null', erased_at = ? WHERE erased_at IS NULL AND (${ownRows})`).run(erasedAt, ...ownRowParams(personIds, memberIds, pairIds, editIds, sessionIds, ratingIds, responseIds, goalIds, milestoneIds, checkinIds, reminderIds));
    store.sqlite.prepare(`UPDATE changes SET value = 'null', erased_at = ? WHERE ${IN('seq')}`).run(erasedAt, JSON.stringify(managerChanges));
  });
  // Deleted rows linger in free pages and old WAL frames: rebuild the file, then empty the WAL.
  store.sqlite.exec('VACUUM');
  const [checkpoint] = store.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
  const walCleared = store.path === ':memory:' || (checkpoint?.busy === 0 && checkpoint.log <= 0);
  const { person: _person, ...counts } = plan;
  return { ...counts, personId, vacuumed: true, walCleared };
}

/** Which of these ids belonged to people or cohort records that were erased: their change rows are marked and the rows are gone. */
export function erasedIds(store: Store, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const rows = store.sqlite
    .prepare(
      `SELECT DISTINCT c.row_id AS id FROM changes c WHERE c.erased_at IS NOT NULL AND c.tbl IN ('people', 'cohort_members') AND ${IN('c.row_id')}
         AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = c.row_id) AND NOT EXISTS (SELECT 1 FROM cohort_members m WHERE m.id = c.row_id)`,
    )
    .all(json(ids)) as { id: string }[];
  return rows.map((r) => r.id);
}
