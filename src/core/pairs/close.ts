import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import { CohortSummary, type PublishedPair } from './contract';
import { toPair } from './publish';

/** Closes one active pair: 'completed', or 'ended-early' with the coordinator's reason. Its history stays. */
export function closePair(store: Store, pairId: string, outcome: 'completed' | 'ended-early', reason: string, at: Date): PublishedPair {
  const row = store.first(store.q.selectFrom('pairs').selectAll().where('id', '=', pairId).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No pair with id ${pairId}`);
  if (row.status !== 'active') throw new UserError(`This pair is already ${row.status}: only an active pair can be closed`);
  if (outcome === 'ended-early' && reason.trim() === '') throw new UserError('Say why the pair ended early');
  const patch = { status: 'ended', ended_at: at.toISOString(), close_outcome: outcome, close_reason: reason.trim() === '' ? null : reason.trim() } as const;
  store.transact((w) => w.update('pairs', pairId, patch));
  return toPair({ ...row, ...patch });
}

function cohortRow(store: Store, cohortId: string) {
  const row = store.first(store.q.selectFrom('cohorts').select(['id', 'name', 'closed_at', 'summary']).where('id', '=', cohortId).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No cohort with id ${cohortId}`);
  return row;
}

/**
 * Closes a cohort: every pair still active (there may be none left) is completed, and what the cohort came to (pairs and how
 * they closed, sessions held, goals reached) is counted once and kept on the cohort. One transaction.
 * Pairs a re-publication replaced, and dissolved ones, were not the cohort's final pairs: not counted.
 */
export function closeCohort(store: Store, cohortId: string, at: Date): CohortSummary {
  const cohort = cohortRow(store, cohortId);
  if (cohort.closed_at !== null) throw new UserError(`${cohort.name} was closed on ${cohort.closed_at.slice(0, 10)}`);
  const active = store.all(store.q.selectFrom('pairs').select('id').where('cohort_id', '=', cohortId).where('status', '=', 'active').where('deleted_at', 'is', null));
  // Every pair may have been closed one by one already: the cohort still closes and keeps its summary.
  if (active.length === 0) {
    const published = store.first(store.q.selectFrom('pairs').select('id').where('cohort_id', '=', cohortId).where('close_outcome', 'is not', null).where('deleted_at', 'is', null));
    if (!published) throw new UserError(`${cohort.name} has no published pairs to close`);
  }
  return store.transact((w) => {
    const closedAt = at.toISOString();
    for (const pair of active) w.update('pairs', pair.id, { status: 'ended', ended_at: closedAt, close_outcome: 'completed', close_reason: null });
    const closed = store.all(
      store.q.selectFrom('pairs').select(['close_outcome']).where('cohort_id', '=', cohortId).where('close_outcome', 'is not', null).where('deleted_at', 'is', null),
    );
    const count = (rows: { n: number | string | bigint }[] | undefined) => Number(rows?.[0]?.n ?? 0);
    const sessionsHeld = count(
      store.all(store.q.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).where('cohort_id', '=', cohortId).where('status', '=', 'held').where('deleted_at', 'is', null)),
    );
    const goals = store.all(store.q.selectFrom('goals').select('status').where('cohort_id', '=', cohortId).where('status', '!=', 'dropped').where('deleted_at', 'is', null));
    const summary: CohortSummary = {
      closedAt,
      pairs: closed.length,
      completed: closed.filter((p) => p.close_outcome === 'completed').length,
      endedEarly: closed.filter((p) => p.close_outcome === 'ended-early').length,
      sessionsHeld,
      goalsTotal: goals.length,
      goalsReached: goals.filter((g) => g.status === 'reached').length,
    };
    w.update('cohorts', cohortId, { closed_at: closedAt, summary: JSON.stringify(summary) });
    return summary;
  });
}

export function cohortSummary(store: Store, cohortId: string): CohortSummary | null {
  const cohort = cohortRow(store, cohortId);
  return cohort.summary === null ? null : CohortSummary.parse(JSON.parse(cohort.summary));
}
