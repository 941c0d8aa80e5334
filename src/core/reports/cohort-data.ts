import type { Store } from '../db/store';
import { NotFoundError } from '../errors';
import { pairsOverview } from '../pairs/overview';
import type { PairHealth } from '../pairs/contract';

/** One cohort's rows the dashboard, the reports and the badges count from, read once per request. */
export interface CohortData {
  cohort: { id: string; name: string; programId: string; programName: string; startDate: string | null; defaultCadenceDays: number };
  members: Member[];
  pairs: PairRow[];
  /** Held sessions only, earliest first. */
  held: { pairId: string; startsAt: string }[];
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

export function loadCohortData(store: Store, cohortId: string, asOf: Date): CohortData {
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
  const held = store.all(
    store.q
      .selectFrom('sessions')
      .select(['pair_id as pairId', 'starts_at as startsAt'])
      .where('cohort_id', '=', cohortId)
      .where('status', '=', 'held')
      .where('deleted_at', 'is', null)
      .where('starts_at', '<=', asOf.toISOString())
      .orderBy('starts_at'),
  );
  return {
    cohort: { id: c.id, name: c.name, programId: c.program_id, programName: c.program_name, startDate: c.start_date, defaultCadenceDays: overview.defaultCadenceDays },
    members,
    pairs,
    held,
    overview: overview.pairs,
  };
}
