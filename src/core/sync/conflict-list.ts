import type { Store } from '../db/store';
import { NotFoundError } from '../errors';
import type { SyncConflict } from './contract';

interface ConflictRow {
  id: string;
  kind: 'publication' | 'capacity';
  cohort_id: string;
  cohort_name: string | null;
  subject_id: string;
  subject_name: string | null;
  pair_ids: string;
  detail: string;
  detected_at: string;
  reviewed_at: string | null;
}

const SELECT = `
  SELECT c.id, c.kind, c.cohort_id, h.name AS cohort_name, c.subject_id, p.full_name AS subject_name, c.pair_ids, c.detail, c.detected_at, c.reviewed_at
    FROM sync_conflicts c
    LEFT JOIN cohorts h ON h.id = c.cohort_id
    LEFT JOIN cohort_members m ON m.id = c.subject_id
    LEFT JOIN people p ON p.id = m.person_id
   WHERE c.deleted_at IS NULL`;

/** Conflicts with today's names (names live only on the replicas; the row holds ids): newest first. */
export function listConflicts(store: Store, includeReviewed: boolean): SyncConflict[] {
  const rows = store.prepare(`${SELECT} ${includeReviewed ? '' : 'AND c.reviewed_at IS NULL'} ORDER BY c.detected_at DESC, c.id`).all() as ConflictRow[];
  return rows.map((row) => toConflict(store, row));
}

function toConflict(store: Store, row: ConflictRow): SyncConflict {
  const nameOf = store.prepare('SELECT p.full_name FROM cohort_members m JOIN people p ON p.id = m.person_id WHERE m.id = ?').pluck();
  const pair = store.prepare('SELECT mentee_id, mentor_id FROM pairs WHERE id = ?');
  const ids = JSON.parse(row.pair_ids) as string[];
  return {
    id: row.id,
    kind: row.kind,
    cohortId: row.cohort_id,
    cohortName: row.cohort_name ?? '(removed cohort)',
    subject: { id: row.subject_id, name: row.subject_name ?? '(erased or removed)' },
    endedPairs: ids.map((id) => {
      const p = pair.get(id) as { mentee_id: string; mentor_id: string } | undefined;
      return {
        id,
        mentee: (p && (nameOf.get(p.mentee_id) as string | undefined)) ?? '(erased or removed)',
        mentor: (p && (nameOf.get(p.mentor_id) as string | undefined)) ?? '(erased or removed)',
      };
    }),
    detail: row.detail,
    detectedAt: row.detected_at,
    reviewedAt: row.reviewed_at,
  };
}

/** Marks a conflict reviewed (it syncs: the other coordinators see it reviewed too). */
export function reviewConflict(store: Store, id: string, at: string): SyncConflict {
  const exists = store.prepare('SELECT 1 FROM sync_conflicts WHERE id = ? AND deleted_at IS NULL').get(id);
  if (!exists) throw new NotFoundError(`No sync conflict with id ${id}`);
  store.transact((w) => w.update('sync_conflicts', id, { reviewed_at: at }));
  return toConflict(store, store.prepare(`${SELECT} AND c.id = ?`).get(id) as ConflictRow);
}
