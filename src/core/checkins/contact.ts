import type { Store } from '../db/store';

/**
 * The last meeting each pair's check-ins reported (YYYY-MM-DD), not after `asOf`'s date: what pair
 * health counts as last contact beside the held sessions (src/core/pairs/overview.ts). Reads only.
 */
export function lastReportedMeetings(store: Store, cohortId: string, asOf: Date): Map<string, string> {
  const rows = store.all(
    store.q
      .selectFrom('checkins')
      .select(['pair_id'])
      .select((eb) => eb.fn.max('last_met_on').as('last'))
      .where('cohort_id', '=', cohortId)
      .where('deleted_at', 'is', null)
      .where('last_met_on', 'is not', null)
      .where('last_met_on', '<=', asOf.toISOString().slice(0, 10))
      .groupBy('pair_id'),
  );
  return new Map(rows.filter((r) => r.last !== null).map((r) => [r.pair_id, r.last as string]));
}

/**
 * The later of a pair's last held session (an instant) and its last reported meeting (a date). A
 * reported date counts from noon UTC: the same calendar day in nearly every zone, so a screen showing
 * the date in local time shows the day the form said.
 */
export function latestContact(lastHeld: string | null, reportedOn: string | undefined): string | null {
  const reported = reportedOn === undefined ? null : `${reportedOn}T12:00:00.000Z`;
  if (lastHeld === null) return reported;
  return reported !== null && reported > lastHeld ? reported : lastHeld;
}
