import { createHash } from 'node:crypto';
import type { Store } from '../db/store';
import type { Writer } from '../db/writer';

/**
 * What LWW per field cannot decide alone. Two coordinators who publish different runs for one cohort
 * offline each end their old pairs and add their own: merged field by field, a mentee can end up with
 * two active pairs and a mentor past capacity. After every merge of peers' changes these rules put the
 * cohort back in a state the app allows, and record what they decided in sync_conflicts (which syncs)
 * for a human to review; nothing is deleted, the losing pairs are ended and named there.
 *
 *  - publication: a mentee with several active pairs keeps the one from the latest publication
 *    (published_at, then publication id, then pair id: the same on every replica); the others end.
 *  - capacity: a mentor with more active pairs than their capacity keeps the pairs of the latest
 *    publications up to it; the rest end.
 *
 * Both apply only where the pairs involved were created on different replicas (their creating change
 * rows carry different client ids): a state one coordinator made deliberately on one machine is theirs.
 */

interface ActivePair {
  id: string;
  cohort_id: string;
  mentee_id: string;
  mentor_id: string;
  published_at: string | null;
  publication_id: string;
  started_at: string;
}

export interface ReconcileReport {
  conflicts: number;
  endedPairs: number;
}

/** Latest publication first; ties broken by ids so every replica orders the same way. */
function latestFirst(a: ActivePair, b: ActivePair): number {
  const pa = a.published_at ?? '';
  const pb = b.published_at ?? '';
  if (pa !== pb) return pa < pb ? 1 : -1;
  if (a.publication_id !== b.publication_id) return a.publication_id < b.publication_id ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}

/** The conflict's id from what it is about: replicas that decide the same conflict write one row. */
function conflictId(kind: string, cohortId: string, subjectId: string, ended: readonly string[]): string {
  const hex = createHash('sha256').update([kind, cohortId, subjectId, ...ended].join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * `creatorOf`: which replica made a pair's oldest `created_at` change, when the caller knows it without the
 * log's field index (a first sync's bulk path, sync/log-memo.ts); by default read from the log.
 */
export function reconcile(store: Store, w: Writer, now: string, cohortIds?: ReadonlySet<string>, creatorOf?: (pairId: string) => string): ReconcileReport {
  const report: ReconcileReport = { conflicts: 0, endedPairs: 0 };
  const creator =
    creatorOf ??
    ((pairId: string) =>
      (store.prepare("SELECT client_id FROM changes WHERE tbl = 'pairs' AND row_id = ? AND col = 'created_at' ORDER BY hlc LIMIT 1").get(pairId) as { client_id: string } | undefined)
        ?.client_id ?? '');
  const fromSeveralReplicas = (pairs: readonly ActivePair[]) => new Set(pairs.map((p) => creator(p.id))).size > 1;

  const all = store
    .prepare(
      `SELECT p.id, p.cohort_id, p.mentee_id, p.mentor_id, u.published_at, p.publication_id, p.started_at
         FROM pairs p LEFT JOIN publications u ON u.id = p.publication_id
        WHERE p.status = 'active' AND p.deleted_at IS NULL`,
    )
    .all() as ActivePair[];
  const pairs = cohortIds ? all.filter((p) => cohortIds.has(p.cohort_id)) : all;
  const ended = new Set<string>();

  const record = (kind: 'publication' | 'capacity', pair: ActivePair, subjectId: string, losers: ActivePair[], detail: string) => {
    const ids = losers.map((p) => p.id);
    for (const id of ids) {
      w.update('pairs', id, { status: 'ended', ended_at: now });
      ended.add(id);
      report.endedPairs += 1;
    }
    const id = conflictId(kind, pair.cohort_id, subjectId, ids);
    if (store.prepare('SELECT 1 FROM sync_conflicts WHERE id = ?').get(id)) return;
    w.insert('sync_conflicts', { id, kind, cohort_id: pair.cohort_id, subject_id: subjectId, pair_ids: JSON.stringify(ids), detail, detected_at: now, reviewed_at: null });
    report.conflicts += 1;
  };

  const byMentee = groupBy(pairs, (p) => `${p.cohort_id}\0${p.mentee_id}`);
  for (const group of byMentee.values()) {
    if (group.length < 2 || !fromSeveralReplicas(group)) continue;
    const [keep, ...losers] = [...group].sort(latestFirst);
    record('publication', keep!, keep!.mentee_id, losers, `Two publications gave this mentee ${group.length} active pairs; the pair from the latest publication (${keep!.published_at ?? 'unknown time'}) stays, the other ended.`);
  }

  const capacityOf = (memberId: string) => (store.prepare('SELECT capacity FROM cohort_members WHERE id = ?').get(memberId) as { capacity: number } | undefined)?.capacity;
  const byMentor = groupBy(
    pairs.filter((p) => !ended.has(p.id)),
    (p) => `${p.cohort_id}\0${p.mentor_id}`,
  );
  for (const group of byMentor.values()) {
    const capacity = capacityOf(group[0]!.mentor_id);
    if (capacity === undefined || group.length <= capacity || !fromSeveralReplicas(group)) continue;
    const sorted = [...group].sort(latestFirst);
    const losers = sorted.slice(capacity);
    record('capacity', sorted[0]!, sorted[0]!.mentor_id, losers, `Merged work gave this mentor ${group.length} active pairs for a capacity of ${capacity}; the pairs of the latest publications stay, ${losers.length} ended.`);
  }
  return report;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
