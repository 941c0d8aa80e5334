import type { Store } from '../db/store';
import { NotFoundError } from '../errors';
import { pairsHealth, pairsOverview, type HealthPair, type OverviewPerson, type PairHealthLite } from '../pairs/overview';
import { sessionFiguresByPair, storedInstant, type SessionFigures } from '../pairs/session-figures';
import { goalFiguresByPair, type GoalFigures } from '../goals/stuck';
import { settingsOfCohort } from '../goals/goals';
import { latestRatingsOf, matchRatingRows, type MatchRatingRow } from '../feedback/pair-ratings';
import { toPair } from '../pairs/publish';
import { mondayOf } from './period';
import type { PairHealth } from '../pairs/contract';

/**
 * One cohort's rows the dashboard, the reports and the badges count from, read once per request. `H` is what
 * each active pair's health carries: the whole Pairs-page row for the reports, health and held sessions only
 * for the dashboard (loadCohortData's 'health' detail).
 */
export interface CohortData<H extends PairHealthLite = PairHealth> {
  cohort: { id: string; name: string; programId: string; programName: string; startDate: string | null; defaultCadenceDays: number };
  members: Member[];
  pairs: PairRow[];
  /** Held sessions up to asOf per pair: all of them (`held`), and those from the period's start (`heldFrom`). Pairs without are absent. */
  heldByPair: ReadonlyMap<string, SessionFigures>;
  /** Held sessions per week (Monday, YYYY-MM-DD) in the period, of the department's pairs when one is given. */
  heldByWeek: { week: string; n: number }[];
  /** Active pairs' health as the Pairs page shows it, as of `asOf`. */
  overview: H[];
  /** Every pair's goal figures as pair health counts them (goalFiguresByPair), for the reports' goal counts. */
  goals: Map<string, GoalFigures>;
  /** The cohort's ratings of the match in date order: health's latest rating, and (up to asOf) the reports' satisfaction. */
  ratings: MatchRatingRow[];
}

export interface Member {
  id: string;
  name: string;
  role: 'mentor' | 'mentee';
  approval: 'pending' | 'approved' | 'rejected';
  department: string | null;
  capacity: number;
  createdAt: string;
}

export interface PairRow {
  id: string;
  menteeId: string;
  mentorId: string;
  status: 'active' | 'ended' | 'dissolved';
  startedAt: string;
  endedAt: string | null;
  cadenceDays: number;
  /** Closed by the coordinator as completed (pairs.close). */
  completed: boolean;
}

/** The pair columns the reports count from. */
interface LeanPairRow {
  id: string;
  mentee_id: string;
  mentor_id: string;
  status: PairRow['status'];
  started_at: string;
  ended_at: string | null;
  cadence_days: number | null;
  close_outcome: string | null;
}

const pairRowOf = (p: LeanPairRow, defaultCadenceDays: number): PairRow => ({
  id: p.id,
  menteeId: p.mentee_id,
  mentorId: p.mentor_id,
  status: p.status,
  startedAt: p.started_at,
  endedAt: p.ended_at,
  cadenceDays: p.cadence_days ?? defaultCadenceDays,
  completed: p.close_outcome === 'completed',
});

/**
 * The cohort's live members as the dashboard reads them, straight from the rows (columns named as Member's
 * fields): 10,000 members copied into objects of their own were a tenth of what a dashboard request allocated.
 */
function liveMembers(store: Store, cohortId: string): Member[] {
  return store
    .prepare(
      `SELECT m.id, p.full_name AS name, m.role, m.approval, m.department, m.capacity, m.created_at AS createdAt
       FROM cohort_members m JOIN people p ON p.id = m.person_id
       WHERE m.cohort_id = ? AND m.deleted_at IS NULL AND p.deleted_at IS NULL`,
    )
    .all(cohortId) as Member[];
}

/**
 * Every member, removed ones too, for the reports: pair health names a removed member's pair as it always did
 * (`people`, by member id); the reports count the live ones. One object per member serves as both.
 */
function allMembers(store: Store, cohortId: string): { live: Member[]; people: Map<string, OverviewPerson> } {
  const rows = store
    .prepare(
      `SELECT m.id, p.full_name, p.email, m.timezone, m.role, m.approval, m.department, m.capacity, m.created_at,
         (m.deleted_at IS NULL AND p.deleted_at IS NULL) AS live
       FROM cohort_members m JOIN people p ON p.id = m.person_id WHERE m.cohort_id = ?`,
    )
    .all(cohortId) as {
    id: string;
    full_name: string;
    email: string;
    timezone: string | null;
    role: Member['role'];
    approval: Member['approval'];
    department: string | null;
    capacity: number;
    created_at: string;
    live: number;
  }[];
  const people = new Map<string, OverviewPerson>();
  const live: Member[] = [];
  for (const m of rows) {
    const member: Member & OverviewPerson = {
      id: m.id,
      memberId: m.id,
      name: m.full_name,
      email: m.email,
      timezone: m.timezone,
      role: m.role,
      approval: m.approval,
      department: m.department,
      capacity: m.capacity,
      createdAt: m.created_at,
    };
    people.set(m.id, member);
    if (m.live === 1) live.push(member);
  }
  return { live, people };
}

/** The Monday (UTC) on or before a day, both YYYY-MM-DD. */
const mondayOfDay = (day: string): string => new Date(mondayOf(Date.parse(`${day}T00:00:00Z`))).toISOString().slice(0, 10);

/**
 * One cohort's rows for the reports, each table read once: the pairs' session figures (one grouped pass that
 * also counts the period's held sessions), the goal figures and the members serve both pair health
 * (pairsOverview, handed them) and the reports' own counts. Starts are compared in their stored form
 * (storedInstant), as pair health compares them, so a session starting at asOf counts the same everywhere.
 */
export function loadCohortData(store: Store, cohortId: string, asOf: Date, scope?: { from?: string; department?: string }): CohortData;
export function loadCohortData(store: Store, cohortId: string, asOf: Date, scope: { from?: string; department?: string }, detail: 'health'): CohortData<PairHealthLite>;
export function loadCohortData(
  store: Store,
  cohortId: string,
  asOf: Date,
  scope: { from?: string; department?: string } = {},
  detail: 'full' | 'health' = 'full',
): CohortData<PairHealthLite> {
  const full = detail === 'full';
  const from = scope.from ?? null;
  const department = scope.department ?? null;
  const c = store.first(
    store.q
      .selectFrom('cohorts as c')
      .innerJoin('programs as p', 'p.id', 'c.program_id')
      .select(['c.id', 'c.name', 'c.program_id', 'c.start_date', 'p.name as program_name'])
      .where('c.id', '=', cohortId)
      .where('c.deleted_at', 'is', null),
  );
  if (!c) throw new NotFoundError(`No cohort with id ${cohortId}`);
  const asOfIso = storedInstant(asOf);
  const fromIso = from === null ? '' : `${from}T00:00:00Z`;
  // The reports never show a pair's next planned session: not read.
  const sessions = sessionFiguresByPair(store, cohortId, asOfIso, { fromIso, nextPlanned: false });
  const settings = settingsOfCohort(store, cohortId);
  const goals = goalFiguresByPair(store, cohortId, asOf, settings.goalStuckDays, { titles: full }).byPair;
  const members = full ? allMembers(store, cohortId) : { live: liveMembers(store, cohortId), people: undefined };
  // Every pair of the cohort (in activePairs' order), once: the reports count them all, health reads the active
  // ones. The dashboard's health reads three fields of a pair: only the columns the counts need are read then.
  const defaultCadenceDays = settings.sessionCadenceDays;
  const pairs: PairRow[] = [];
  let overview: PairHealthLite[];
  const ratings = matchRatingRows(store, cohortId);
  const latest = latestRatingsOf(ratings);
  if (members.people) {
    const pairRows = store.all(store.q.selectFrom('pairs').selectAll().where('cohort_id', '=', cohortId).where('deleted_at', 'is', null).orderBy('started_at').orderBy('id'));
    for (const p of pairRows) pairs.push(pairRowOf(p, defaultCadenceDays));
    const active = pairRows.filter((p) => p.status === 'active').map(toPair);
    overview = pairsOverview(store, cohortId, asOf, { sessions, goals, pairs: active, ratings: latest, people: members.people }).pairs;
  } else {
    const pairRows = store
      .prepare(
        `SELECT id, mentee_id, mentor_id, status, started_at, ended_at, cadence_days, close_outcome FROM pairs
         WHERE cohort_id = ? AND deleted_at IS NULL ORDER BY started_at, id`,
      )
      .all(cohortId) as LeanPairRow[];
    // A PairRow is a HealthPair too (its cadence already the program's when the pair has none, as health reads it).
    const active: HealthPair[] = [];
    for (const p of pairRows) {
      const pair = pairRowOf(p, defaultCadenceDays);
      pairs.push(pair);
      if (p.status === 'active') active.push(pair);
    }
    overview = pairsHealth(store, cohortId, asOf, { sessions, goals, pairs: active, ratings: latest });
  }
  return {
    cohort: { id: c.id, name: c.name, programId: c.program_id, programName: c.program_name, startDate: c.start_date, defaultCadenceDays },
    members: members.live,
    pairs,
    heldByPair: sessions,
    heldByWeek: heldPerWeek(store, cohortId, fromIso, asOfIso, department),
    overview,
    goals,
    ratings,
  };
}

/**
 * Held sessions per Monday week (UTC) from `fromIso` (or the first held session) up to asOf, of the
 * department's pairs when one is given (a pair counts in its mentee's department). One index range count
 * per week on migration 20's index (held starts in order): grouping a year of sessions by
 * date(…, 'weekday 1') ran the date function on every row and sorted them, about four times as long.
 */
function heldPerWeek(store: Store, cohortId: string, fromIso: string, asOfIso: string, department: string | null): { week: string; n: number }[] {
  const byDepartment =
    department === null ? '' : 'AND s.pair_id IN (SELECT p.id FROM pairs p JOIN cohort_members me ON me.id = p.mentee_id WHERE p.cohort_id = ? AND me.department = ?)';
  const where = `s.cohort_id = ? AND s.status = 'held' AND s.deleted_at IS NULL ${byDepartment}`;
  // Parameters bound by position: binding an object of named ones cost as much as counting a week.
  const scope = department === null ? [cohortId] : [cohortId, cohortId, department];
  const first = store.prepare(`SELECT MIN(s.starts_at) FROM sessions s INDEXED BY sessions_held_by_start WHERE ${where} AND s.starts_at >= ?`).pluck().get(...scope, fromIso) as string | null;
  if (first === null || first > asOfIso) return [];
  const count = store.prepare(`SELECT COUNT(*) FROM sessions s INDEXED BY sessions_held_by_start WHERE ${where} AND s.starts_at >= ? AND s.starts_at < ? AND s.starts_at <= ?`).pluck();
  const weeks: { week: string; n: number }[] = [];
  for (let week = mondayOfDay(first.slice(0, 10)); `${week}T00:00:00Z` <= asOfIso; week = nextWeek(week)) {
    const lo = `${week}T00:00:00Z`;
    const n = count.get(...scope, lo < fromIso ? fromIso : lo, `${nextWeek(week)}T00:00:00Z`, asOfIso) as number;
    if (n > 0) weeks.push({ week, n });
  }
  return weeks;
}

const nextWeek = (monday: string): string => new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);

/** A member's held sessions up to asOf: how many, and the starts of the first ten, earliest first. */
export interface HeldRecord {
  count: number;
  first: string[];
}

/**
 * Each member's held sessions, for badges and certificates. The first ten of each pair are read in order
 * straight from migration 15's covering index (partitioned by pair, already sorted by start); a mentor's first
 * ten over several pairs are among the union of each pair's first ten. Counts come from data.heldByPair.
 */
export function heldRecords(store: Store, data: CohortData, asOf: Date): Map<string, HeldRecord> {
  const rows = store
    .prepare(
      `SELECT pair_id AS pairId, starts_at AS at FROM (
         SELECT pair_id, starts_at, ROW_NUMBER() OVER (PARTITION BY pair_id ORDER BY starts_at) AS rn
         FROM sessions INDEXED BY sessions_pair_figures
         WHERE cohort_id = ? AND status = 'held' AND deleted_at IS NULL AND starts_at <= ?)
       WHERE rn <= 10`,
    )
    .all(data.cohort.id, storedInstant(asOf)) as { pairId: string; at: string }[];
  const pairs = new Map(data.pairs.map((p) => [p.id, p]));
  const out = new Map<string, HeldRecord>();
  const record = (id: string) => {
    let r = out.get(id);
    if (!r) out.set(id, (r = { count: 0, first: [] }));
    return r;
  };
  for (const [pairId, held] of data.heldByPair) {
    const p = pairs.get(pairId);
    if (!p) continue;
    record(p.menteeId).count += held.held;
    record(p.mentorId).count += held.held;
  }
  for (const row of rows) {
    const p = pairs.get(row.pairId);
    if (!p) continue;
    record(p.menteeId).first.push(row.at);
    record(p.mentorId).first.push(row.at);
  }
  for (const r of out.values()) if (r.first.length > 1) r.first = r.first.sort().slice(0, 10);
  return out;
}
