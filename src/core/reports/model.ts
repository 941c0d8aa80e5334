import type { Store } from '../db/store';
import type { PairHealth } from '../pairs/contract';
import type { Badge, Dashboard, ReportFilter } from './contract';
import { leaderboard } from './badges';
import { loadCohortData } from './cohort-data';
import { cohortBadges } from './earned';
import { loadFacts } from './facts';
import type { SurveyResults } from '../feedback/contract';
import { asOfFor, dashboardOf } from './dashboard';
import { lastSnapshot, type ReportFigures, type Snapshot } from './snapshots';

export interface SummaryFigure {
  key: keyof ReportFigures;
  label: string;
  value: number;
  /** How the value is shown: a count, a percentage (value 0..1) or a count with one decimal. */
  unit: 'count' | 'percent' | 'decimal';
  /** Change since the last report, null without one. */
  change: number | null;
}

export interface AtRiskPair {
  mentee: string;
  mentor: string;
  rule: string;
}

/** Everything a progress report says, in the order it says it; the PDF, XLSX and CSV writers only lay it out. */
export interface ReportModel {
  organisation: string;
  madeAt: string;
  dashboard: Dashboard;
  figures: ReportFigures;
  summary: SummaryFigure[];
  previous: Snapshot | null;
  highlights: string[];
  risks: { atRisk: number; needsAttention: number; noFirstSession: number; lines: string[]; names: AtRiskPair[] | null };
  badges: Badge[];
  leaderboard: ReturnType<typeof leaderboard> | null;
  /** Closed surveys' results as the feedback work gives them: k and complementary suppression applied. */
  surveys: SurveyResults[];
}

const pct = (n: number) => `${Math.round(n * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function figuresOf(d: Dashboard): ReportFigures {
  const step = (s: string) => d.funnel.find((f) => f.stage === s)?.people ?? 0;
  const matched = step('matched');
  return {
    registered: step('registered'),
    matched,
    activePairs: d.activePairs,
    firstSessionRate: matched === 0 ? 0 : step('first-session') / matched,
    sessionsHeld: d.sessionsHeld,
    sessionsExpected: d.sessionsExpected,
    atRisk: d.health.find((h) => h.health === 'at-risk')?.pairs ?? 0,
    goalsReached: d.goals?.reached ?? null,
  };
}

const SUMMARY: { key: keyof ReportFigures; label: string; unit: SummaryFigure['unit'] }[] = [
  { key: 'registered', label: 'People registered', unit: 'count' },
  { key: 'matched', label: 'People matched', unit: 'count' },
  { key: 'activePairs', label: 'Active pairs', unit: 'count' },
  { key: 'firstSessionRate', label: 'Matched, with a first session', unit: 'percent' },
  { key: 'sessionsHeld', label: 'Sessions held', unit: 'count' },
  { key: 'sessionsExpected', label: 'Sessions expected', unit: 'decimal' },
  { key: 'atRisk', label: 'Pairs at risk', unit: 'count' },
  { key: 'goalsReached', label: 'Goals reached', unit: 'count' },
];

export function reportModel(
  store: Store,
  filter: ReportFilter,
  options: { organisation: string; includeNames: boolean; leaderboard: boolean },
  now: Date,
): ReportModel {
  const asOf = asOfFor(filter, now);
  const data = loadCohortData(store, filter.cohortId, asOf, filter);
  const facts = loadFacts(store, filter.cohortId, asOf, { goals: data.goals, ratings: data.ratings });
  const dashboard = dashboardOf(data, facts, filter, asOf);
  const figures = figuresOf(dashboard);
  const previous = lastSnapshot(store, filter.cohortId);
  const summary = SUMMARY.filter((s) => figures[s.key] !== null).map((s) => {
    const value = figures[s.key] ?? 0;
    const before = previous?.figures[s.key];
    return { ...s, value, change: before === undefined || before === null ? null : Math.round((value - before) * 1000) / 1000 };
  });

  const step = (s: string) => dashboard.funnel.find((f) => f.stage === s)!;
  const highlights = [
    `${plural(step('matched').people, 'person', 'people')} matched into ${plural(dashboard.activePairs, 'active pair')}; ${pct(figures.firstSessionRate)} of them have held a first session.`,
    `${plural(dashboard.sessionsHeld, 'session')} held against ${dashboard.sessionsExpected.toLocaleString('en-GB')} expected by the pairs' cadences (${pct(dashboard.sessionsExpected === 0 ? 0 : dashboard.sessionsHeld / dashboard.sessionsExpected)}).`,
  ];
  const onTrack = dashboard.health.find((h) => h.health === 'on-track')!.pairs;
  if (dashboard.activePairs > 0) highlights.push(`${pct(onTrack / dashboard.activePairs)} of active pairs are on track.`);
  const rated = dashboard.satisfaction.reduce((n, m) => n + m.ratings, 0);
  if (rated > 0) {
    const avg = dashboard.satisfaction.reduce((n, m) => n + m.averageMatch * m.ratings, 0) / rated;
    highlights.push(`Matches rated ${avg.toFixed(1)} out of 5 on average (${plural(rated, 'rating')}).`);
  }
  if (dashboard.goals) highlights.push(`${plural(dashboard.goals.reached, 'goal')} reached of ${dashboard.goals.total.toLocaleString('en-GB')} set.`);
  const best = bestRatedPairs(data.overview);
  if (best) highlights.push(best);
  const badges = cohortBadges(store, data, asOf);
  if (badges.length > 0) highlights.push(`${plural(badges.length, 'recognition badge')} earned by ${plural(new Set(badges.map((b) => b.memberId)).size, 'person', 'people')}.`);

  // The same pairs the dashboard counts: a pair belongs to its mentee's department.
  const department = new Map(data.members.map((m) => [m.id, m.department]));
  const overview = data.overview.filter((p) => dashboard.department === null || department.get(p.mentee.memberId) === dashboard.department);
  const atRisk = overview.filter((p) => p.health === 'at-risk');
  const noFirst = overview.filter((p) => p.held === 0 && p.health !== 'on-track').length;
  const needsAttention = overview.filter((p) => p.health === 'needs-attention').length;
  const lines = [
    `${plural(atRisk.length, 'pair')} at risk (no session for more than twice their cadence).`,
    `${plural(needsAttention, 'pair')} need${needsAttention === 1 ? 's' : ''} attention (past their cadence).`,
    `${plural(noFirst, 'pair')} still waiting for a first session past their cadence.`,
  ];
  return {
    organisation: options.organisation,
    madeAt: now.toISOString(),
    dashboard,
    figures,
    summary,
    previous,
    highlights,
    risks: {
      atRisk: atRisk.length,
      needsAttention,
      noFirstSession: noFirst,
      lines,
      names: options.includeNames ? [...atRisk].sort((a, b) => b.daysWithout - a.daysWithout).map((p) => ({ mentee: p.mentee.name, mentor: p.mentor.name, rule: p.rule })) : null,
    },
    badges,
    leaderboard: options.leaderboard ? leaderboard(badges) : null,
    surveys: facts.surveys,
  };
}

/** How many best-rated pairs a report names, at most. */
const BEST_NAMED = 5;

/**
 * The best-rated pairs (both sides' latest match rating 5, or the highest there is when 4 or more): named
 * only when both people agreed to be named in reports; the others are counted, never named.
 */
export function bestRatedPairs(overview: readonly PairHealth[]): string | null {
  const rated = overview.filter((p) => p.latestRating !== null && p.latestRating.rating >= 4);
  if (rated.length === 0) return null;
  const top = Math.max(...rated.map((p) => p.latestRating!.rating));
  const best = rated.filter((p) => p.latestRating!.rating === top).sort((a, b) => a.mentee.name.localeCompare(b.mentee.name));
  const consenting = best.filter((p) => p.namedInReports);
  const named = consenting.slice(0, BEST_NAMED);
  const withoutConsent = best.length - consenting.length;
  const head = `${plural(best.length, 'pair')} rated ${top} out of 5 by both sides`;
  if (named.length === 0) return `${head} (not named: no consent to be named in reports is recorded).`;
  const who = named.map((p) => `${p.mentee.name} & ${p.mentor.name}`).join(', ');
  const more = consenting.length - named.length;
  return `${head}, among them ${who}${more > 0 ? ` and ${more} more` : ''}${withoutConsent > 0 ? ` (${withoutConsent} not named: no consent recorded)` : ''}.`;
}
