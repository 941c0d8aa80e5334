import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import { getRun } from '../runs/runs';
import type { Publication, PublishedPair } from './contract';

/**
 * Makes a run the cohort's active pairs. Pairs already active with the same mentee and mentor keep
 * their id (their sessions and goals stay attached); other active pairs end. Publications are history.
 */
export function publishRun(store: Store, runId: string, at: Date = new Date()): { publication: Publication; kept: number; added: number; ended: number } {
  const run = getRun(store, runId);
  if (run.result.status !== 'optimal' && run.result.status !== 'unverified') {
    throw new UserError(`${run.name} has no usable result to publish`);
  }
  return store.transact((w) => {
    const now = at.toISOString();
    const publicationId = w.insert('publications', {
      cohort_id: run.cohortId,
      run_id: run.id,
      published_at: now,
      pair_count: run.result.assignments.length,
    });
    const active = new Map(activePairs(store, run.cohortId).map((p) => [`${p.menteeId}|${p.mentorId}`, p]));
    let kept = 0;
    let added = 0;
    for (const a of run.result.assignments) {
      const key = `${a.menteeId}|${a.mentorId}`;
      if (active.has(key)) {
        active.delete(key);
        kept += 1;
        continue;
      }
      w.insert('pairs', {
        cohort_id: run.cohortId,
        mentee_id: a.menteeId,
        mentor_id: a.mentorId,
        publication_id: publicationId,
        status: 'active',
        score: a.score,
        started_at: now,
        ended_at: null,
        cadence_days: null,
        close_outcome: null,
        close_reason: null,
        named_in_reports: 0,
      });
      added += 1;
    }
    for (const stale of active.values()) w.update('pairs', stale.id, { status: 'ended', ended_at: now });
    w.update('match_runs', run.id, { status: 'published' });
    return { publication: listPublications(store, run.cohortId)[0]!, kept, added, ended: active.size };
  });
}

export function listPublications(store: Store, cohortId: string): Publication[] {
  return store
    .all(
      store.q
        .selectFrom('publications as p')
        .innerJoin('match_runs as r', 'r.id', 'p.run_id')
        .select(['p.id', 'p.run_id', 'r.name', 'p.published_at', 'p.pair_count'])
        .where('p.cohort_id', '=', cohortId)
        .where('p.deleted_at', 'is', null)
        .orderBy('p.published_at', 'desc')
        .orderBy('p.id', 'desc'),
    )
    .map((row) => ({ id: row.id, runId: row.run_id, runName: row.name, publishedAt: row.published_at, pairCount: row.pair_count }));
}

type PairRow = {
  id: string;
  mentee_id: string;
  mentor_id: string;
  status: PublishedPair['status'];
  score: number;
  started_at: string;
  ended_at: string | null;
  cadence_days: number | null;
  close_outcome: PublishedPair['closeOutcome'];
  close_reason: string | null;
  named_in_reports: number;
};

export function toPair(row: PairRow): PublishedPair {
  return {
    id: row.id,
    menteeId: row.mentee_id,
    mentorId: row.mentor_id,
    status: row.status,
    score: row.score,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    cadenceDays: row.cadence_days,
    closeOutcome: row.close_outcome,
    closeReason: row.close_reason,
    namedInReports: row.named_in_reports === 1,
  };
}

export function activePairs(store: Store, cohortId: string): PublishedPair[] {
  return store
    .all(store.q.selectFrom('pairs').selectAll().where('cohort_id', '=', cohortId).where('status', '=', 'active').where('deleted_at', 'is', null).orderBy('started_at').orderBy('id'))
    .map(toPair);
}

/** Pairs the coordinator broke up: a re-match must not make them again. */
export function dissolvedPairs(store: Store, cohortId: string): PublishedPair[] {
  return store
    .all(store.q.selectFrom('pairs').selectAll().where('cohort_id', '=', cohortId).where('status', '=', 'dissolved').where('deleted_at', 'is', null).orderBy('ended_at').orderBy('id'))
    .map(toPair);
}

/** Breaks up a published pair mid-cycle; both people become available to a re-match. */
export function dissolvePair(store: Store, pairId: string, at: Date = new Date()): PublishedPair {
  const row = store.first(store.q.selectFrom('pairs').selectAll().where('id', '=', pairId).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No pair with id ${pairId}`);
  if (row.status !== 'active') throw new UserError('Only an active pair can be dissolved');
  store.transact((w) => w.update('pairs', pairId, { status: 'dissolved', ended_at: at.toISOString() }));
  return toPair({ ...row, status: 'dissolved', ended_at: at.toISOString() });
}

/** Both people's consent to be named in progress reports, as the coordinator records it. */
export function setReportConsent(store: Store, pairId: string, namedInReports: boolean): PublishedPair {
  const row = store.first(store.q.selectFrom('pairs').selectAll().where('id', '=', pairId).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No pair with id ${pairId}`);
  const value = namedInReports ? 1 : 0;
  store.transact((w) => w.update('pairs', pairId, { named_in_reports: value }));
  return toPair({ ...row, named_in_reports: value });
}
