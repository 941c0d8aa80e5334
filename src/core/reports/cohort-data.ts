import type { Store } from '../db/store';
import { NotFoundError } from '../errors';
import { pairsOverview } from '../pairs/overview';
import type { PairHealth } from '../pairs/contract';

/** One cohort's rows the dashboard, the reports and the badges count from, read once per request. */
export interface CohortData {
  cohort: { id: string; name: string; programId: string; programName: string; startDate: string | null; defaultCadenceDays: number };
  members: Member[];
  pairs: PairRow[];
  /** Held sessions up to asOf per pair: all of them, and those from the period's start. */
  heldByPair: Map<string, { total: number; inPeriod: number }>;
  /** Held sessions per week (Monday, YYYY-MM-DD) in the period, of the department's pairs when one is given. */
  heldByWeek: { week: string; n: number }[];
  /** Active pairs' health as the Pairs page shows it, as of `asOf`. */
  overview: PairHealth[];
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

function hasColumn(store: Store, table: string, column: string): boolean {
  return (store.sqlite.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
}

export function loadCohortData(store: Store, cohortId: string, asOf: Date, scope: { from?: string; department?: string } = {}): CohortData {
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
  const overview = pairsOverview(store, cohortId, asOf);
  const members = store
    .all(
      store.q
        .selectFrom('cohort_members as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .select(['m.id', 'p.full_name', 'm.role', 'm.approval', 'm.department', 'm.capacity', 'm.created_at'])
        .where('m.cohort_id', '=', cohortId)
        .where('m.deleted_at', 'is', null)
        .where('p.deleted_at', 'is', null),
    )
    .map((m): Member => ({ id: m.id, name: m.full_name, role: m.role, approval: m.approval, department: m.department, capacity: m.capacity, createdAt: m.created_at }));
  // close_outcome arrives with the goals work's closing of pairs; read it when the column is there.
  const closed = hasColumn(store, 'pairs', 'close_outcome');
  const pairs = (
    store.sqlite
      .prepare(
        `SELECT id, mentee_id, mentor_id, status, started_at, ended_at, cadence_days${closed ? ', close_outcome' : ', NULL AS close_outcome'}
         FROM pairs WHERE cohort_id = ? AND deleted_at IS NULL`,
      )
      .all(cohortId) as { id: string; mentee_id: string; mentor_id: string; status: PairRow['status']; started_at: string; ended_at: string | null; cadence_days: number | null; close_outcome: string | null }[]
  ).map(
    (p): PairRow => ({
      id: p.id,
      menteeId: p.mentee_id,
      mentorId: p.mentor_id,
      status: p.status,
      startedAt: p.started_at,
      endedAt: p.ended_at,
      cadenceDays: p.cadence_days ?? overview.defaultCadenceDays,
      completed: p.close_outcome === 'completed',
    }),
  );
  const asOfIso = asOf.toISOString();
  const fromIso = from === null ? '' : `${from}T00:00:00.000Z`;
  // SQLite counts from the covering index of migration 15 alone (no table lookups): a year of 120,000
  // sessions never becomes 120,000 row objects. Left to itself the planner takes sessions_cohort and reads
  // every row from the table (~10 times slower).
  const perPair = store
    .prepare(
      `SELECT pair_id AS pairId, COUNT(*) AS total, SUM(starts_at >= @from) AS inPeriod FROM sessions INDEXED BY sessions_pair_figures
       WHERE cohort_id = @cohortId AND status = 'held' AND deleted_at IS NULL AND starts_at <= @asOf GROUP BY pair_id`,
    )
    .all({ cohortId, from: fromIso, asOf: asOfIso }) as { pairId: string; total: number; inPeriod: number }[];
  // date(t, '-6 days', 'weekday 1'): the Monday on or before t (UTC). A pair counts in its mentee's department.
  const byDepartment =
    department === null ? '' : 'AND s.pair_id IN (SELECT p.id FROM pairs p JOIN cohort_members me ON me.id = p.mentee_id WHERE p.cohort_id = @cohortId AND me.department = @department)';
  const heldByWeek = store
    .prepare(
      `SELECT date(s.starts_at, '-6 days', 'weekday 1') AS week, COUNT(*) AS n FROM sessions s INDEXED BY sessions_pair_figures
       WHERE s.cohort_id = @cohortId AND s.status = 'held' AND s.deleted_at IS NULL AND s.starts_at >= @from AND s.starts_at <= @asOf ${byDepartment} GROUP BY week`,
    )
    .all({ cohortId, from: fromIso, asOf: asOfIso, ...(department === null ? {} : { department }) }) as { week: string; n: number }[];
  return {
    cohort: { id: c.id, name: c.name, programId: c.program_id, programName: c.program_name, startDate: c.start_date, defaultCadenceDays: overview.defaultCadenceDays },
    members,
    pairs,
    heldByPair: new Map(perPair.map((r) => [r.pairId, { total: r.total, inPeriod: r.inPeriod }])),
    heldByWeek,
    overview: overview.pairs,
  };
}

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
    .all(data.cohort.id, asOf.toISOString()) as { pairId: string; at: string }[];
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
    record(p.menteeId).count += held.total;
    record(p.mentorId).count += held.total;
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
