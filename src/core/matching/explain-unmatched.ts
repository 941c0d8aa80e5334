import type { PreparedCohort } from './cohort';
import { Rule, type RuleName } from './rules';
import { hasSideConstraints } from './settings';

export type UnmatchedCode =
  | 'mentee-excluded'
  | 'no-mentors'
  | 'no-eligible-mentor'
  | 'eligible-mentors-full'
  | 'no-gain'
  | 'side-constraints';

export interface UnmatchedExplanation {
  readonly menteeId: string;
  readonly code: UnmatchedCode;
  /** Plain-words reason, computed from this mentee's situation. */
  readonly reason: string;
  /** How many mentors each rule removed, in the order rules are applied. */
  readonly funnel: readonly { readonly rule: string; readonly excluded: number }[];
  readonly eligibleMentors: number;
}

/** Order in which rules are charged for removing a mentor; each mentor is counted once. */
const PAIR_RULE_ORDER: RuleName[] = ['self', 'forbidden', 'earlierPair', 'reportingLine', 'sameTeam', 'language', 'timezone'];

function fmtHours(h: number): string {
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}

/** Phrase for "mentors passing <rule>", used to build "no approved mentor within 4 h". */
function passPhrase(c: PreparedCohort, rule: string): { adjective?: string; suffix?: string } {
  const tz = c.settings.rules.timezone;
  switch (rule) {
    case 'not-approved':
    case 'rejected':
      return { adjective: 'approved' };
    case 'no-capacity':
      return { suffix: 'with any capacity' };
    case 'timezone':
      if (tz.kind === 'max-offset-diff') return { suffix: `within ${fmtHours(tz.hours)}` };
      if (tz.kind === 'min-overlap') return { suffix: `sharing an availability window of ${fmtHours(tz.hours)}` };
      return {};
    case 'sameTeam':
      return { suffix: 'outside their team' };
    case 'reportingLine':
      return { suffix: 'outside their reporting line' };
    case 'language':
      return { suffix: 'sharing a language' };
    case 'forbidden':
      return { suffix: 'not on the forbidden list' };
    case 'earlierPair':
      return { suffix: 'they have not been paired with before' };
    default:
      return {};
  }
}

const RULE_LABEL: Record<string, string> = {
  sameTeam: 'same team',
  reportingLine: 'reporting line',
  language: 'no shared language',
  timezone: 'time-zone rule',
  forbidden: 'forbidden pair',
  earlierPair: 'paired before',
};

/**
 * Explains each unmatched mentee from the data: which rules removed how many mentors, and if some
 * mentors were eligible, whether they were full or the pair simply would not raise the total.
 */
export function explainUnmatched(c: PreparedCohort, matched: ReadonlySet<number>, arcOf: Int32Array): UnmatchedExplanation[] {
  const m = c.mentors.length;
  const load = Int32Array.from(c.lockedCount);
  for (let i = 0; i < arcOf.length; i++) if (arcOf[i]! >= 0) load[c.table.mentor[arcOf[i]!]!]! += 1;
  const out: UnmatchedExplanation[] = [];
  for (let i = 0; i < c.mentees.length; i++) {
    if (matched.has(i)) continue;
    const menteeId = c.mentees[i]!.id;
    const ex = c.menteeExclusion[i];
    if (ex) {
      out.push({
        menteeId,
        code: 'mentee-excluded',
        reason: ex === 'rejected' ? 'their application was rejected' : 'their application is not approved yet',
        funnel: [],
        eligibleMentors: 0,
      });
      continue;
    }
    if (m === 0) {
      out.push({ menteeId, code: 'no-mentors', reason: 'there are no mentors in this cohort', funnel: [], eligibleMentors: 0 });
      continue;
    }
    const counts = new Map<string, number>();
    const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    const eligible: number[] = [];
    for (let j = 0; j < m; j++) {
      const mx = c.mentorExclusion[j];
      if (mx) {
        bump(mx);
        continue;
      }
      const mask = c.rules.mask(i, j);
      const first = PAIR_RULE_ORDER.find((r) => (mask & Rule[r]) !== 0);
      if (first) bump(first);
      else eligible.push(j);
    }
    const funnel = [...counts].map(([rule, excluded]) => ({ rule, excluded }));
    if (eligible.length === 0) {
      const adjectives = new Set<string>();
      const suffixes: string[] = [];
      for (const { rule } of funnel) {
        if (rule === 'self') continue;
        const ph = passPhrase(c, rule);
        if (ph.adjective) adjectives.add(ph.adjective);
        if (ph.suffix && !suffixes.includes(ph.suffix)) suffixes.push(ph.suffix);
      }
      const pairRules = funnel.filter((f) => f.rule in RULE_LABEL);
      let reason: string;
      // When one pair rule alone removed every mentor left by the others, name it directly.
      const only = pairRules.length === 1 ? pairRules[0] : undefined;
      if (only && only.rule !== 'timezone' && funnel.every((f) => f === only || !(f.rule in RULE_LABEL))) {
        const n = only.excluded;
        reason = `excluded: ${RULE_LABEL[only.rule]} as the only ${n === 1 ? '' : `${n} `}otherwise eligible mentor${n === 1 ? '' : 's'}`;
      } else {
        reason = `no ${[...adjectives, 'mentor'].join(' ')}${suffixes.length ? ` ${suffixes.join(', ')}` : ''}`;
      }
      out.push({ menteeId, code: 'no-eligible-mentor', reason, funnel, eligibleMentors: 0 });
      continue;
    }
    const full = eligible.filter((j) => load[j]! >= c.capacity[j]!).length;
    const n = eligible.length;
    if (full === n) {
      const byLocks = eligible.every((j) => c.lockedCount[j]! >= c.capacity[j]!);
      const tail = byLocks
        ? ' (their places are taken by locked pairs)'
        : c.settings.mode === 'max-score'
          ? ' with mentees who fit them better overall'
          : '';
      out.push({
        menteeId,
        code: 'eligible-mentors-full',
        reason: `${n === 1 ? 'the only eligible mentor is' : `all ${n} eligible mentors are`} full${tail}`,
        funnel,
        eligibleMentors: n,
      });
    } else if (hasSideConstraints(c.settings)) {
      out.push({
        menteeId,
        code: 'side-constraints',
        reason: `${n - full} eligible mentor${n - full === 1 ? ' has' : 's have'} room, but the per-mentor caps or the cross-department share rule leave no valid place`,
        funnel,
        eligibleMentors: n,
      });
    } else {
      out.push({
        menteeId,
        code: 'no-gain',
        reason: `matching them would not raise the total score (no eligible mentor with room scores above 0)`,
        funnel,
        eligibleMentors: n,
      });
    }
  }
  return out;
}
