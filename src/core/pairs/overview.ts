import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import { ProgramSettings } from '../domain/program';
import type { Health, PairHealth, PublishedPair } from './contract';
import { activePairs } from './publish';
import { sessionFiguresByPair, storedInstant, type SessionFigures } from './session-figures';
import { lastReportedMeetings, latestContact } from '../checkins/contact';
import { goalFiguresByPair, type GoalFigures } from '../goals/stuck';
import { latestPairRatings, type LatestRating } from '../feedback/pair-ratings';
import { withRatingRule } from '../feedback/pair-health';
import { settingsOfCohort } from '../goals/goals';

const DAY = 86_400_000;

/** Whole days (24-hour periods) from one instant to a later one; 0 when `to` is not later. */
export function wholeDays(from: string, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - Date.parse(from)) / DAY));
}

/**
 * The health rule, one for the first session and the ones after: counted from the last held session,
 * or from the start while there is none, a pair is on track up to its cadence, needs attention past
 * it, and is at risk past twice the cadence.
 */
export function healthOf(input: { daysWithout: number; cadenceDays: number; held: number; contact?: 'session' | 'check-in' }): { health: Health; rule: string } {
  const { daysWithout: days, cadenceDays: cadence, held } = input;
  const health: Health = days > 2 * cadence ? 'at-risk' : days > cadence ? 'needs-attention' : 'on-track';
  const d = `${days} day${days === 1 ? '' : 's'}`;
  // The last contact can be a meeting the pair reported in a check-in rather than a session logged here.
  if (input.contact === 'check-in') {
    return { health, rule: health === 'on-track' ? `last met ${d} ago (check-in), cadence ${cadence}` : `no meeting for ${d} (last one from a check-in), cadence ${cadence}` };
  }
  if (health === 'on-track') {
    return { health, rule: held > 0 ? `last session ${d} ago, cadence ${cadence}` : `started ${d} ago, first session due within ${cadence} days` };
  }
  return { health, rule: held > 0 ? `no session for ${d}, cadence ${cadence}` : `no first session ${d} after the start, cadence ${cadence}` };
}

/**
 * Stuck goals in health, kept apart from the session rule: a pair the sessions rule finds on track but
 * with a goal stuck (no progress change for the program's goalStuckDays) needs attention, and the rule
 * names the goal stuck longest. A pair already needing attention or at risk keeps its session rule.
 */
export function withStuckGoals(base: { health: Health; rule: string }, goals: GoalFigures | undefined): { health: Health; rule: string } {
  if (base.health !== 'on-track' || !goals?.worstStuck) return base;
  const { title, days } = goals.worstStuck;
  return { health: 'needs-attention', rule: `goal "${title}" stuck for ${days} day${days === 1 ? '' : 's'}` };
}

/** A pair's person as the overview shows them. */
export interface OverviewPerson {
  memberId: string;
  name: string;
  email: string;
  timezone: string | null;
}

/**
 * What a caller that already read it can hand to pairsOverview, so that one request reads each table once:
 * the reports read every pair's sessions, goals and members for their own figures too (reports/cohort-data.ts).
 * Each must be what pairsOverview would read itself for the same cohort and asOf.
 */
export interface OverviewInputs {
  /** sessionFiguresByPair(store, cohortId, storedInstant(asOf), …). */
  sessions?: Map<string, SessionFigures>;
  /** goalFiguresByPair(store, cohortId, asOf, the program's goalStuckDays).byPair. */
  goals?: Map<string, GoalFigures>;
  /** Every member of the cohort, removed ones included, by member id. */
  people?: Map<string, OverviewPerson>;
  /** The cohort's active pairs in activePairs' order. */
  pairs?: PublishedPair[];
  /** latestPairRatings(store, cohortId). */
  ratings?: Map<string, LatestRating>;
}

/**
 * A pair's last contact as health counts it: the later of its last held session and the last meeting a
 * check-in reported, which of the two it was, and whole days since (since the start without one). The due
 * list (pairs/contacts.ts) reads contact through this too.
 */
export function contactOf(lastHeld: string | null, reportedOn: string | undefined, startedAt: string, asOf: Date): { lastContact: string | null; contact: 'session' | 'check-in'; daysWithout: number } {
  const lastContact = latestContact(lastHeld, reportedOn);
  return { lastContact, contact: lastContact !== null && lastContact !== lastHeld ? 'check-in' : 'session', daysWithout: wholeDays(lastContact ?? startedAt, asOf) };
}

/** What the health rule reads of a pair. */
export type HealthPair = Pick<PublishedPair, 'id' | 'startedAt' | 'cadenceDays'>;

/**
 * The health rule on one pair's figures: last contact (a held session or a meeting a check-in reported),
 * whole days without one against the cadence, then stuck goals, then the latest rating. pairsOverview and
 * the reports' pairsHealth both apply it here, so the Pairs page and the dashboard count alike.
 */
function pairHealthOf(
  pair: HealthPair,
  own: SessionFigures | undefined,
  reportedOn: string | undefined,
  goalFigures: GoalFigures | undefined,
  latestRating: LatestRating | null,
  settings: ProgramSettings,
  asOf: Date,
): { held: number; lastContact: string | null; daysWithout: number; cadenceDays: number; health: Health; rule: string } {
  const held = own?.held ?? 0;
  const { lastContact, contact, daysWithout } = contactOf(own?.lastHeld ?? null, reportedOn, pair.startedAt, asOf);
  const cadenceDays = pair.cadenceDays ?? settings.sessionCadenceDays;
  const { health, rule } = withRatingRule(
    withStuckGoals(healthOf({ daysWithout, cadenceDays, held: lastContact === null ? 0 : Math.max(1, held), contact }), goalFigures),
    latestRating,
    settings.lowRatingThreshold,
  );
  return { held, lastContact, daysWithout, cadenceDays, health, rule };
}

/** What the dashboard needs of a pair's health. */
export interface PairHealthLite {
  pairId: string;
  health: Health;
  held: number;
}

/**
 * Each active pair's health and held sessions only, by the same rule as pairsOverview, from inputs the
 * caller read (the reports' dashboard): no names, no rows of twenty fields for 5,000 pairs.
 */
export function pairsHealth(
  store: Store,
  cohortId: string,
  asOf: Date,
  given: Required<Pick<OverviewInputs, 'sessions' | 'goals' | 'ratings'>> & { pairs: readonly HealthPair[] },
): PairHealthLite[] {
  const settings = settingsOfCohort(store, cohortId);
  const reported = lastReportedMeetings(store, cohortId, asOf);
  return given.pairs.map((pair) => {
    const h = pairHealthOf(pair, given.sessions.get(pair.id), reported.get(pair.id), given.goals.get(pair.id), given.ratings.get(pair.id) ?? null, settings, asOf);
    return { pairId: pair.id, health: h.health, held: h.held };
  });
}

export function pairsOverview(store: Store, cohortId: string, asOf: Date, given: OverviewInputs = {}): { asOf: string; defaultCadenceDays: number; pairs: PairHealth[] } {
  const settings = settingsOfCohort(store, cohortId);
  const pairs = given.pairs ?? activePairs(store, cohortId);
  const people =
    given.people ??
    new Map(
      store
        .all(
          store.q
            .selectFrom('cohort_members as m')
            .innerJoin('people as p', 'p.id', 'm.person_id')
            .select(['m.id', 'p.full_name', 'p.email', 'm.timezone'])
            .where('m.cohort_id', '=', cohortId),
        )
        .map((r): [string, OverviewPerson] => [r.id, { memberId: r.id, name: r.full_name, email: r.email, timezone: r.timezone }]),
    );
  const asOfIso = asOf.toISOString();
  // Held count, last held and next planned per pair, counted by SQLite (session-figures.ts).
  const sessions = given.sessions ?? sessionFiguresByPair(store, cohortId, storedInstant(asOf));
  // Check-ins: a meeting a form reported counts as contact like a held session (src/core/checkins/contact.ts).
  const reported = lastReportedMeetings(store, cohortId, asOf);
  const goals = given.goals ?? goalFiguresByPair(store, cohortId, asOf, settings.goalStuckDays).byPair;
  // Pair feedback: each pair's latest rating; below the program's threshold the pair is at risk.
  const ratings = given.ratings ?? latestPairRatings(store, cohortId);
  const person = (id: string): OverviewPerson => people.get(id) ?? { memberId: id, name: '(removed)', email: '', timezone: null };
  const rows = pairs.map((pair): PairHealth => {
    const own = sessions.get(pair.id);
    const goalFigures = goals.get(pair.id);
    const latestRating = ratings.get(pair.id) ?? null;
    const h = pairHealthOf(pair, own, reported.get(pair.id), goalFigures, latestRating, settings, asOf);
    return {
      pairId: pair.id,
      mentor: person(pair.mentorId),
      mentee: person(pair.menteeId),
      startedAt: pair.startedAt,
      namedInReports: pair.namedInReports,
      cadenceDays: h.cadenceDays,
      cadenceIsDefault: pair.cadenceDays === null,
      held: h.held,
      expected: Math.floor(wholeDays(pair.startedAt, asOf) / h.cadenceDays),
      lastContact: h.lastContact,
      daysWithout: h.daysWithout,
      nextPlanned: own?.nextPlanned ?? null,
      latestRating,
      health: h.health,
      rule: h.rule,
      goalsTotal: goalFigures?.total ?? 0,
      goalsReached: goalFigures?.reached ?? 0,
      goalsStuck: goalFigures?.stuck ?? 0,
    };
  });
  return { asOf: asOfIso, defaultCadenceDays: settings.sessionCadenceDays, pairs: rows };
}

export function setPairCadence(store: Store, pairId: string, cadenceDays: number | null): PublishedPair {
  const row = store.first(store.q.selectFrom('pairs').select(['id', 'cohort_id', 'status']).where('id', '=', pairId).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No pair with id ${pairId}`);
  if (row.status !== 'active') throw new UserError(`This pair is ${row.status}: only an active pair has a cadence to set`);
  store.transact((w) => w.update('pairs', pairId, { cadence_days: cadenceDays }));
  return activePairs(store, row.cohort_id).find((p) => p.id === pairId)!;
}
