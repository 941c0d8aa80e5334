import type { CohortFeatures } from './features';
import { shareLanguage } from './features';
import type { MatchSettings } from './settings';
import { circularOffsetDiffHours, overlapMinutes } from './timezones';

/** Hard rules a (mentee, mentor) pair can break, as bits so a pair's verdict is one small integer. */
export const Rule = {
  self: 1,
  sameTeam: 2,
  reportingLine: 4,
  forbidden: 8,
  earlierPair: 16,
  timezone: 32,
  language: 64,
} as const;
export type RuleName = keyof typeof Rule;
export const RULE_NAMES = Object.keys(Rule) as RuleName[];

export function ruleNames(mask: number): RuleName[] {
  return RULE_NAMES.filter((r) => (mask & Rule[r]) !== 0);
}

/** Evaluates pair-level hard rules on interned features; no allocation per call. */
export class PairRules {
  readonly forbidden: Set<number>;
  readonly earlier: Set<number>;
  readonly needsOverlap: boolean;

  constructor(
    private readonly f: CohortFeatures,
    private readonly settings: MatchSettings,
    menteeIndex: ReadonlyMap<string, number>,
    mentorIndex: ReadonlyMap<string, number>,
  ) {
    const m = f.mentors.members.length;
    const keys = (pairs: readonly { menteeId: string; mentorId: string }[]) => {
      const s = new Set<number>();
      for (const p of pairs) {
        const i = menteeIndex.get(p.menteeId);
        const j = mentorIndex.get(p.mentorId);
        if (i !== undefined && j !== undefined) s.add(i * m + j);
      }
      return s;
    };
    this.forbidden = keys(settings.forbiddenPairs);
    this.earlier = keys(settings.earlierPairs);
    this.needsOverlap = settings.rules.timezone.kind === 'min-overlap';
  }

  /** Overlap of weekly availability in minutes, or -1 when either time zone is unknown. */
  overlap(i: number, j: number): number {
    const a = this.f.mentees.week[i];
    const b = this.f.mentors.week[j];
    return a && b ? overlapMinutes(a, b) : -1;
  }

  tzDiffHours(i: number, j: number): number {
    return circularOffsetDiffHours(this.f.mentees.offsetMin[i]!, this.f.mentors.offsetMin[j]!);
  }

  /**
   * Bit mask of broken rules. `overlapMin` is the pair's overlap when the caller already computed
   * it (pass -2 to have it computed here if the time-zone rule needs it).
   */
  mask(i: number, j: number, overlapMin = -2): number {
    const e = this.f.mentees;
    const r = this.f.mentors;
    const rules = this.settings.rules;
    let mask = 0;
    if (e.person[i] === r.person[j]) mask |= Rule.self;
    if (rules.excludeSameTeam && e.team[i]! >= 0 && e.team[i] === r.team[j]) mask |= Rule.sameTeam;
    if (
      rules.excludeReportingLine &&
      ((e.manager[i]! >= 0 && e.manager[i] === r.email[j]) || (r.manager[j]! >= 0 && r.manager[j] === e.email[i]))
    ) {
      mask |= Rule.reportingLine;
    }
    const m = r.members.length;
    if (this.forbidden.size > 0 && this.forbidden.has(i * m + j)) mask |= Rule.forbidden;
    if (this.earlier.size > 0 && this.earlier.has(i * m + j)) mask |= Rule.earlierPair;
    const tz = rules.timezone;
    if (tz.kind === 'max-offset-diff') {
      const a = e.offsetMin[i]!;
      const b = r.offsetMin[j]!;
      if (Number.isNaN(a) || Number.isNaN(b)) {
        if (rules.unknownTimezone === 'exclude') mask |= Rule.timezone;
      } else if (circularOffsetDiffHours(a, b) > tz.hours + 1e-9) mask |= Rule.timezone;
    } else if (tz.kind === 'min-overlap') {
      const ov = overlapMin === -2 ? this.overlap(i, j) : overlapMin;
      if (ov < 0) {
        if (rules.unknownTimezone === 'exclude') mask |= Rule.timezone;
      } else if (ov < tz.hours * 60 - 1e-9) mask |= Rule.timezone;
    }
    if (rules.requireSharedLanguage && !shareLanguage(this.f, i, j)) mask |= Rule.language;
    return mask;
  }
}
