import type { Badge, BadgeKind } from './contract';
import type { CohortData, HeldRecord } from './cohort-data';
import { byName } from './order';

export const BADGE_LABEL: Record<BadgeKind, string> = {
  'first-session': 'First session',
  'sessions-5': '5 sessions held',
  'sessions-10': '10 sessions held',
  'goal-reached': 'Goal reached',
  'cohort-completed': 'Cohort completed',
  'top-rated-mentor': 'Top-rated mentor',
};

/** Facts recorded elsewhere that earn badges: goals reached and ratings, once those features record them. */
export interface ExtraFacts {
  /** memberId -> when their first goal was reached. */
  goalReached?: Map<string, string>;
  /** Mentors whose average rating puts them at the top, with when it was last rated. */
  topRated?: Map<string, string | null>;
}

/**
 * Badges are earned, never granted: each comes from rows the app recorded (held sessions, a pair closed as
 * completed, a goal reached, ratings), with the moment it was earned. Sorted by person, then by when.
 */
export function badgesOf(data: CohortData, held: ReadonlyMap<string, HeldRecord>, extra: ExtraFacts = {}): Badge[] {
  const members = new Map(data.members.map((m) => [m.id, m]));
  const out: Badge[] = [];
  const add = (memberId: string, kind: BadgeKind, earnedAt: string | null) => {
    const m = members.get(memberId);
    if (m) out.push({ memberId, name: m.name, role: m.role, kind, label: BADGE_LABEL[kind], earnedAt });
  };
  for (const [id, { count, first }] of held) {
    if (count === 0 || first.length === 0) continue;
    add(id, 'first-session', first[0]!);
    if (count >= 5 && first[4]) add(id, 'sessions-5', first[4]);
    if (count >= 10 && first[9]) add(id, 'sessions-10', first[9]);
  }
  for (const [id, at] of extra.goalReached ?? []) add(id, 'goal-reached', at);
  for (const p of data.pairs) {
    if (!p.completed) continue;
    add(p.menteeId, 'cohort-completed', p.endedAt);
    add(p.mentorId, 'cohort-completed', p.endedAt);
  }
  for (const [id, at] of extra.topRated ?? []) add(id, 'top-rated-mentor', at);
  // One badge of a kind per person; ordered by name (members sorted once, not 30,000 collator calls), then by when.
  const seen = new Set<string>();
  const rank = new Map([...data.members].sort((x, y) => byName(x.name, y.name)).map((m, i) => [m.id, i]));
  return out
    .filter((b) => {
      const key = b.memberId + b.kind;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => rank.get(a.memberId)! - rank.get(b.memberId)! || ((a.earnedAt ?? '') < (b.earnedAt ?? '') ? -1 : (a.earnedAt ?? '') > (b.earnedAt ?? '') ? 1 : 0));
}

/** The opt-in leaderboard: people by badges earned, then sessions-based badges first; at most `limit`. */
export function leaderboard(badges: readonly Badge[], limit = 10): { name: string; role: string; badges: number; labels: string }[] {
  const byPerson = new Map<string, Badge[]>();
  for (const b of badges) byPerson.set(b.memberId, [...(byPerson.get(b.memberId) ?? []), b]);
  return [...byPerson.values()]
    .map((list) => ({ name: list[0]!.name, role: list[0]!.role, badges: list.length, labels: list.map((b) => b.label).join(', ') }))
    .sort((a, b) => b.badges - a.badges || byName(a.name, b.name))
    .slice(0, limit);
}
