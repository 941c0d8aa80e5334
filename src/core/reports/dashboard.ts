import type { Store } from '../db/store';
import type { Dashboard, FunnelStage, ReportFilter } from './contract';
import { loadCohortData, type CohortData, type Member } from './cohort-data';
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
  const heldOf = (pairId: string) => data.heldByPair.get(pairId) ?? { total: 0, inPeriod: 0 };
  const heldInPeriod = pairs.reduce((n, p) => n + heldOf(p.id).inPeriod, 0);

  // Funnel, by person: someone who reached a later stage passed the earlier ones.
  const stages = new Map<FunnelStage, Set<string>>(Object.keys(STAGE_LABEL).map((k) => [k as FunnelStage, new Set<string>()]));
  const withHeld = new Set(pairs.filter((p) => heldOf(p.id).total > 0).map((p) => p.id));
  const activeOk = new Set(overview.filter((p) => p.health !== 'at-risk' && p.held > 0).map((p) => p.pairId));
  for (const p of pairs) {
    for (const id of [p.menteeId, p.mentorId]) {
      if (!inDept(byId.get(id))) continue;
      stages.get('matched')!.add(id);
      if (withHeld.has(p.id)) stages.get('first-session')!.add(id);
      if (p.status === 'active' && activeOk.has(p.id)) stages.get('active')!.add(id);
      if (p.completed) stages.get('completed')!.add(id);
    }
  }
  // Someone matched by asOf was registered by then, whatever their row's own date says (a re-import rewrites it).
  for (const id of stages.get('matched')!) stages.get('registered')!.add(id);
  for (const m of members) stages.get('registered')!.add(m.id);
  for (const id of stages.get('registered')!) {
    const approval = byId.get(id)?.approval;
    if (approval === 'approved' || (approval !== 'rejected' && stages.get('matched')!.has(id))) stages.get('approved')!.add(id);
  }
  const registered = stages.get('registered')!.size;
  const funnel = [...stages].map(([stage, ids]) => {
    let mentees = 0;
    for (const id of ids) if (byId.get(id)?.role === 'mentee') mentees += 1;
    return { stage, label: STAGE_LABEL[stage], people: ids.size, mentees, mentors: ids.size - mentees, ofRegistered: registered === 0 ? 0 : ids.size / registered };
  });

  // Sessions per week against what the pairs' cadences call for while they ran.
  const starts = [fromIso, data.cohort.startDate === null ? null : `${data.cohort.startDate}T00:00:00.000Z`, pairs.map((p) => p.startedAt).sort()[0] ?? null];
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

  const health = (['on-track', 'needs-attention', 'at-risk'] as const).map((h) => ({ health: h, label: HEALTH_LABEL[h], pairs: overview.filter((p) => p.health === h).length }));

  const riskByPair = new Set(overview.filter((p) => p.health === 'at-risk').map((p) => p.pairId));
  const pairsOfMentor = new Map<string, typeof pairs>();
  for (const p of pairs) {
    const list = pairsOfMentor.get(p.mentorId);
    if (list) list.push(p);
    else pairsOfMentor.set(p.mentorId, [p]);
  }
  const mentors = data.members
    .filter((m) => m.role === 'mentor' && m.createdAt <= asOfIso && (department === null || m.department === department || pairsOfMentor.has(m.id)))
    .map((m) => {
      const own = pairsOfMentor.get(m.id) ?? [];
      const active = own.filter((p) => p.status === 'active');
      return {
        memberId: m.id,
        name: m.name,
        department: m.department,
        capacity: m.capacity,
        mentees: active.length,
        held: own.reduce((n, p) => n + heldOf(p.id).inPeriod, 0),
        atRisk: active.filter((p) => riskByPair.has(p.id)).length,
      };
    })
    // Ties by code unit, not by a collator: 5,000 mentors with equal figures made the collator ~40 ms.
    .sort((a, b) => b.mentees - a.mentees || b.held - a.held || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

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
    sessionsHeld: heldInPeriod,
    sessionsExpected: Math.round(expectedTotal * 10) / 10,
    health,
    activePairs: overview.length,
    mentors,
    goals: goalFigures(facts, pairIds),
    satisfaction: satisfactionByMonth(facts, pairIds, fromIso),
    surveys: facts.surveys.map((r) => ({ surveyId: r.survey.id, title: r.survey.title, closedAt: r.survey.closedAt, shown: r.shown, respondents: r.respondents, invited: r.invited, rate: r.rate })),
  };
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
