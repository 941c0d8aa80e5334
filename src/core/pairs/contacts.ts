import type { Store } from '../db/store';
import { lastReportedMeetings } from '../checkins/contact';
import { storedInstant } from './session-figures';
import { contactOf } from './overview';

/** An active pair's last contact as pair health counts it, with the names a list shows. */
export interface PairContact {
  pairId: string;
  menteeName: string;
  mentorName: string;
  startedAt: string;
  cadenceDays: number;
  /** The later of the last held session and the last meeting a check-in reported; null when neither. */
  lastContact: string | null;
  /** Whole days from the last contact (or the start, without one) to asOf. */
  daysWithout: number;
}

/**
 * Every active pair's contact figures: the part of pair health (pairs/overview.ts) the due list needs, with
 * the same rule (contactOf, the pair's cadence or the program's). One query: each pair's
 * last held session is a single seek in migration 15's index (cohort, pair, status, start), where the
 * overview's figures scan a year of sessions; health's goals, ratings and counts are not read at all.
 * A member row that is gone reads "(removed)", as in the overview.
 */
export function pairContacts(store: Store, cohortId: string, asOf: Date, defaultCadenceDays: number): PairContact[] {
  const rows = store
    .prepare(
      `SELECT p.id, p.started_at, p.cadence_days,
         COALESCE(pe.full_name, '(removed)') AS mentee_name, COALESCE(pr.full_name, '(removed)') AS mentor_name,
         (SELECT MAX(s.starts_at) FROM sessions s
           WHERE s.cohort_id = p.cohort_id AND s.pair_id = p.id AND s.status = 'held' AND s.starts_at <= @asOf AND s.deleted_at IS NULL) AS last_held
       FROM pairs p
       LEFT JOIN cohort_members me ON me.id = p.mentee_id LEFT JOIN people pe ON pe.id = me.person_id
       LEFT JOIN cohort_members mr ON mr.id = p.mentor_id LEFT JOIN people pr ON pr.id = mr.person_id
       WHERE p.cohort_id = @cohortId AND p.status = 'active' AND p.deleted_at IS NULL
       ORDER BY p.started_at, p.id`,
    )
    .all({ cohortId, asOf: storedInstant(asOf) }) as { id: string; started_at: string; cadence_days: number | null; mentee_name: string; mentor_name: string; last_held: string | null }[];
  const reported = lastReportedMeetings(store, cohortId, asOf);
  return rows.map((r) => {
    const { lastContact, daysWithout } = contactOf(r.last_held, reported.get(r.id), r.started_at, asOf);
    return { pairId: r.id, menteeName: r.mentee_name, mentorName: r.mentor_name, startedAt: r.started_at, cadenceDays: r.cadence_days ?? defaultCadenceDays, lastContact, daysWithout };
  });
}
