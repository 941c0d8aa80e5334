import type { Store } from '../db/store';
import { NotFoundError } from '../errors';
import { stuckGoals } from '../goals/stuck';
import { settingsOfCohort } from '../goals/goals';
import { wholeDays } from '../pairs/overview';
import { pairContacts } from '../pairs/contacts';
import { storedInstant } from '../pairs/session-figures';
import type { DueItem, DueKind } from './contract';

/** How far ahead a planned session is "due": the next 48 hours. */
export const SOON_MS = 48 * 3_600_000;

const RANK: Record<DueKind, number> = { 'session-soon': 0, 'no-first-session': 1, 'past-cadence': 2, 'stuck-goal': 3 };
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

function hoursText(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  return hours < 1 ? `session in ${Math.max(1, Math.round(ms / 60_000))} min` : `session in ${hours} h`;
}


/** The open (not closed, not archived) cohorts in scope. */
function cohortsInScope(store: Store, by: { cohortId?: string; programId?: string }): { id: string; name: string }[] {
  let query = store.q.selectFrom('cohorts').select(['id', 'name']).where('deleted_at', 'is', null);
  if (by.cohortId !== undefined) {
    const one = store.first(query.where('id', '=', by.cohortId));
    if (!one) throw new NotFoundError(`No cohort with id ${by.cohortId}`);
    return [one];
  }
  if (by.programId !== undefined) query = query.where('program_id', '=', by.programId);
  return store.all(query.where('closed_at', 'is', null).where('archived_at', 'is', null).orderBy('name'));
}

/**
 * One cohort's due items. A pair with no contact yet (no held session, no meeting a check-in reported) is due once the program's firstSessionDays
 * have passed since its start (the first-session rule); a pair that has met is due once it is past its
 * cadence, as health counts it. The two never both list one pair.
 */
function cohortDue(store: Store, cohort: { id: string; name: string }, asOf: Date): DueItem[] {
  const settings = settingsOfCohort(store, cohort.id);
  // Contact as pair health counts it, without the rest of health (goals, ratings, counts): pairs/contacts.ts.
  const contacts = pairContacts(store, cohort.id, asOf, settings.sessionCadenceDays);
  const items: DueItem[] = [];
  const byPair = new Map(contacts.map((p) => [p.pairId, p]));
  const base = (pairId: string) => {
    const p = byPair.get(pairId)!;
    return { pairId, cohortId: cohort.id, cohortName: cohort.name, menteeName: p.menteeName, mentorName: p.mentorName, goalId: null, sessionId: null };
  };
  // Starts are stored to the second without milliseconds ("…T09:00:00Z"); compare strings in that form.
  const asOfIso = storedInstant(asOf);
  const until = storedInstant(new Date(asOf.getTime() + SOON_MS));
  const soon = store.all(
    store.q
      .selectFrom('sessions')
      .select(['id', 'pair_id', 'starts_at'])
      .where('cohort_id', '=', cohort.id)
      .where('status', '=', 'planned')
      .where('deleted_at', 'is', null)
      .where('starts_at', '>', asOfIso)
      .where('starts_at', '<=', until)
      .orderBy('starts_at'),
  );
  for (const s of soon) {
    if (!byPair.has(s.pair_id)) continue;
    items.push({ ...base(s.pair_id), kind: 'session-soon', at: s.starts_at, sessionId: s.id, text: hoursText(Date.parse(s.starts_at) - asOf.getTime()) });
  }
  for (const p of contacts) {
    // No contact at all, as health counts it: a meeting a check-in reported is a first session too.
    if (p.lastContact === null) {
      const since = wholeDays(p.startedAt, asOf);
      if (since >= settings.firstSessionDays) items.push({ ...base(p.pairId), kind: 'no-first-session', at: p.startedAt, text: `no first session ${days(since)} after the start` });
    } else if (p.daysWithout > p.cadenceDays) {
      items.push({ ...base(p.pairId), kind: 'past-cadence', at: p.lastContact, text: `no session for ${days(p.daysWithout)}, cadence ${p.cadenceDays}` });
    }
  }
  for (const g of stuckGoals(store, cohort.id, asOf, settings.goalStuckDays)) {
    if (!byPair.has(g.pairId)) continue;
    items.push({ ...base(g.pairId), kind: 'stuck-goal', at: g.progressChangedAt, goalId: g.id, text: `goal "${g.title}" stuck for ${days(g.days)}` });
  }
  return items;
}

/** Everything due, most pressing kind first; within a kind, the soonest session or the longest wait first. */
export function dueList(store: Store, by: { cohortId?: string; programId?: string }, asOf: Date): { asOf: string; cohorts: number; items: DueItem[] } {
  const cohorts = cohortsInScope(store, by);
  const items = cohorts.flatMap((c) => cohortDue(store, c, asOf));
  // Plain comparisons: ISO instants sort as text, and localeCompare over 15,000 items cost tens of ms.
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  items.sort((a, b) => RANK[a.kind] - RANK[b.kind] || byText(a.at, b.at) || byText(a.menteeName, b.menteeName));
  return { asOf: asOf.toISOString(), cohorts: cohorts.length, items };
}
