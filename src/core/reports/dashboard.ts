import type { Store } from '../db/store';
import type { Dashboard, FunnelStage, ReportFilter } from './contract';
import { loadCohortData, type CohortData, type Member, type PairRow } from './cohort-data';
import type { PairHealthLite } from '../pairs/overview';
import { expectedSessions } from './cadence';
import { mondayOf } from './period';
import { loadFacts, type CohortFacts } from './facts';

const DAY = 86_400_000;
const MAX_WEEKS = 104;

export const STAGE_LABEL: Record<FunnelStage, string> = {
  registered: 'Registered',
  approved: 'Approved',
  matched: 'Matched',
  'first-session': 'First session held',
  active: 'Active',
  completed: 'Completed',
};
export const HEALTH_LABEL = { 'on-track': 'On track', 'needs-attention': 'Needs attention', 'at-risk': 'At risk' } as const;

/** The instant the figures are as of: the end of the `to` day, or now when that is later. */
export function asOfFor(filter: Pick<ReportFilter, 'to'>, now: Date): Date {
  if (filter.to === undefined) return now;
  const end = new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY - 1000);
  return end < now ? end : now;
}

/** The dashboard of one cohort: funnel, sessions per week against cadence, health, mentor load, goals. */
export function cohortDashboard(store: Store, filter: ReportFilter, now: Date): Dashboard {
  const asOf = asOfFor(filter, now);
  // Health and held sessions per pair are all the dashboard shows of pair health: not the Pairs page's whole rows.
  const data = loadCohortData(store, filter.cohortId, asOf, filter, 'health');
  return dashboardOf(data, loadFacts(store, filter.cohortId, asOf, { goals: data.goals, ratings: data.ratings }), filter, asOf);
}

export function dashboardOf(data: CohortData<PairHealthLite>, facts: CohortFacts, filter: ReportFilter, asOf: Date): Dashboard {
  const asOfIso = asOf.toISOString();
  const department = filter.department ?? null;
  const byId = new Map(data.members.map((m) => [m.id, m]));
  const inDept = (m: Member | undefined) => department === null || m?.department === department;
  const members = data.members.filter((m) => m.createdAt <= asOfIso && inDept(m));
  // A pair belongs to the department of its mentee.
  const pairs = data.pairs.filter((p) => p.startedAt <= asOfIso && inDept(byId.get(p.menteeId)));
  const pairIds = new Set(pairs.map((p) => p.id));
  const overview = data.overview.filter((p) => pairIds.has(p.pairId));

  const fromIso = filter.from === undefined ? null : `${filter.from}T00:00:00.000Z`;
  const heldInPeriod = (pairId: string) => data.heldByPair.get(pairId)?.heldFrom ?? 0;
  let sessionsHeld = 0;
  for (const p of pairs) sessionsHeld += heldInPeriod(p.id);

  const funnel = funnelOf(pairs, members, byId, data.heldByPair, overview, department);

  // Sessions per week against what the pairs' cadences call for while they ran.
  const starts = [fromIso, data.cohort.startDate === null ? null : `${data.cohort.startDate}T00:00:00.000Z`, firstStart(pairs)];
  const first = fromIso ?? starts.filter((s): s is string => s !== null).sort()[0] ?? asOfIso;
  let weekStart = Math.max(mondayOf(Date.parse(first)), mondayOf(asOf.getTime()) - (MAX_WEEKS - 1) * 7 * DAY);
  const weeks: Dashboard['weeks'] = [];
  const heldByWeek = new Map(data.heldByWeek.map((w) => [Date.parse(`${w.week}T00:00:00Z`), w.n]));
  const spans = pairs
    .filter((p) => p.status !== 'dissolved' || p.endedAt !== null)
    .map((p) => ({ start: Date.parse(p.startedAt), end: p.endedAt === null ? asOf.getTime() : Math.min(Date.parse(p.endedAt), asOf.getTime()), cadence: p.cadenceDays }));
  const periodStart = fromIso === null ? -Infinity : Date.parse(fromIso);
  const expectedIn = expectedSessions(spans);
  let expectedTotal = 0;
  for (; weekStart <= asOf.getTime(); weekStart += 7 * DAY) {
    const lo = Math.max(weekStart, periodStart);
    const hi = Math.min(weekStart + 7 * DAY, asOf.getTime());
    const expected = expectedIn(lo, hi);
    expectedTotal += expected;
    weeks.push({ week: new Date(weekStart).toISOString().slice(0, 10), held: heldByWeek.get(weekStart) ?? 0, expected: Math.round(expected * 10) / 10 });
  }

  const byHealth = { 'on-track': 0, 'needs-attention': 0, 'at-risk': 0 };
  const riskByPair = new Set<string>();
  for (const p of overview) {
    byHealth[p.health] += 1;
    if (p.health === 'at-risk') riskByPair.add(p.pairId);
  }
  const health = (['on-track', 'needs-attention', 'at-risk'] as const).map((h) => ({ health: h, label: HEALTH_LABEL[h], pairs: byHealth[h] }));

  // Each mentor's load in one pass over the pairs: mentees now, sessions held in the period, active pairs at risk.
  const loadOf = new Map<string, { mentees: number; held: number; atRisk: number }>();
  for (const p of pairs) {
    let load = loadOf.get(p.mentorId);
    if (!load) loadOf.set(p.mentorId, (load = { mentees: 0, held: 0, atRisk: 0 }));
    load.held += heldInPeriod(p.id);
    if (p.status === 'active') {
      load.mentees += 1;
      if (riskByPair.has(p.id)) load.atRisk += 1;
    }
  }
  const mentors: Dashboard['mentors'] = [];
  for (const m of data.members) {
    if (m.role !== 'mentor' || m.createdAt > asOfIso) continue;
    const load = loadOf.get(m.id);
    if (department !== null && m.department !== department && !load) continue;
    mentors.push({ memberId: m.id, name: m.name, department: m.department, capacity: m.capacity, mentees: load?.mentees ?? 0, held: load?.held ?? 0, atRisk: load?.atRisk ?? 0 });
  }
  // Ties by code unit, not by a collator: 5,000 mentors with equal figures made the collator ~40 ms.
  mentors.sort((a, b) => b.mentees - a.mentees || b.held - a.held || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const departments = [...new Set(data.members.map((m) => m.department).filter((d): d is string => d !== null && d !== ''))].sort();
  return {
    cohort: { id: data.cohort.id, name: data.cohort.name, programId: data.cohort.programId, programName: data.cohort.programName, startDate: data.cohort.startDate },
    asOf: asOfIso,
    from: filter.from ?? null,
    to: filter.to ?? null,
    department,
    departments,
    funnel,
    weeks,
    sessionsHeld,
    sessionsExpected: Math.round(expectedTotal * 10) / 10,
    health,
    activePairs: overview.length,
    mentors,
    goals: goalFigures(facts, pairIds),
    satisfaction: satisfactionByMonth(facts, pairIds, fromIso),
    surveys: facts.surveys.map((r) => ({ surveyId: r.survey.id, title: r.survey.title, closedAt: r.survey.closedAt, shown: r.shown, respondents: r.respondents, invited: r.invited, rate: r.rate })),
  };
}

/** The earliest start of the pairs (ISO strings sort as instants), or null. */
function firstStart(pairs: readonly PairRow[]): string | null {
  let first: string | null = null;
  for (const p of pairs) if (first === null || p.startedAt < first) first = p.startedAt;
  return first;
}

/** A person's stages as bits: one number per person instead of a set of people per stage. */
const MATCHED = 1;
const FIRST_SESSION = 2;
const ACTIVE = 4;
const COMPLETED = 8;

/**
 * The funnel, by person: someone who reached a later stage passed the earlier ones. `pairs` and `members` are the
 * counted ones (started or created by asOf, of the department); a pair's mentor outside the department is not
 * counted, and a removed member (absent from `byId`) only without a department.
 */
function funnelOf(
  pairs: readonly PairRow[],
  members: readonly Member[],
  byId: ReadonlyMap<string, Member>,
  heldByPair: CohortData['heldByPair'],
  overview: readonly PairHealthLite[],
  department: string | null,
): Dashboard['funnel'] {
  const activeOk = new Set<string>();
  for (const p of overview) if (p.health !== 'at-risk' && p.held > 0) activeOk.add(p.pairId);
  // Everyone counted, with the stages they reached; being in the map is being registered.
  const reached = new Map<string, number>();
  const reach = (id: string, bits: number) => {
    if (department !== null && byId.get(id)?.department !== department) return;
    reached.set(id, (reached.get(id) ?? 0) | bits);
  };
  for (const p of pairs) {
    const bits =
      MATCHED | (heldByPair.has(p.id) ? FIRST_SESSION : 0) | (p.status === 'active' && activeOk.has(p.id) ? ACTIVE : 0) | (p.completed ? COMPLETED : 0);
    reach(p.menteeId, bits);
    reach(p.mentorId, bits);
  }
  // Someone matched by asOf was registered by then, whatever their row's own date says (a re-import rewrites it).
  for (const m of members) if (!reached.has(m.id)) reached.set(m.id, 0);

  const people = [0, 0, 0, 0, 0, 0];
  const mentees = [0, 0, 0, 0, 0, 0];
  const count = (stage: number, mentee: boolean) => {
    people[stage]! += 1;
    if (mentee) mentees[stage]! += 1;
  };
  for (const [id, bits] of reached) {
    const m = byId.get(id);
    const mentee = m?.role === 'mentee';
    count(0, mentee);
    if (m?.approval === 'approved' || (m?.approval !== 'rejected' && bits & MATCHED)) count(1, mentee);
    if (bits & MATCHED) count(2, mentee);
    if (bits & FIRST_SESSION) count(3, mentee);
    if (bits & ACTIVE) count(4, mentee);
    if (bits & COMPLETED) count(5, mentee);
  }
  const registered = people[0]!;
  return (Object.keys(STAGE_LABEL) as FunnelStage[]).map((stage, i) => ({
    stage,
    label: STAGE_LABEL[stage],
    people: people[i]!,
    mentees: mentees[i]!,
    mentors: people[i]! - mentees[i]!,
    ofRegistered: registered === 0 ? 0 : people[i]! / registered,
  }));
}

function goalFigures(facts: CohortFacts, pairIds: ReadonlySet<string>): Dashboard['goals'] {
  let total = 0;
  let reached = 0;
  let stuck = 0;
  let pairsWithGoals = 0;
  for (const [pairId, g] of facts.goalsByPair) {
    if (!pairIds.has(pairId) || g.total === 0) continue;
    total += g.total;
    reached += g.reached;
    stuck += g.stuck;
    pairsWithGoals += 1;
  }
  return total === 0 ? null : { total, reached, stuck, pairsWithGoals };
}

function satisfactionByMonth(facts: CohortFacts, pairIds: ReadonlySet<string>, fromIso: string | null): Dashboard['satisfaction'] {
  const months = new Map<string, number[]>();
  for (const r of facts.ratings) {
    if (!pairIds.has(r.pair_id) || (fromIso !== null && r.rated_at < fromIso)) continue;
    const month = r.rated_at.slice(0, 7);
    const list = months.get(month);
    if (list) list.push(r.match_rating);
    else months.set(month, [r.match_rating]);
  }
  return [...months]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([month, xs]) => ({ month, ratings: xs.length, averageMatch: Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 }));
}
