import type { Badge, BadgeKind } from './contract';
import type { CohortData } from './cohort-data';
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
export function badgesOf(data: CohortData, heldTimes: ReadonlyMap<string, readonly string[]>, extra: ExtraFacts = {}): Badge[] {
  const members = new Map(data.members.map((m) => [m.id, m]));
  const out: Badge[] = [];
  const add = (memberId: string, kind: BadgeKind, earnedAt: string | null) => {
    const m = members.get(memberId);
    if (m) out.push({ memberId, name: m.name, role: m.role, kind, label: BADGE_LABEL[kind], earnedAt });
  };
  for (const [id, times] of heldTimes) {
    // Each person's held sessions come earliest first (heldTimesByMember).
    add(id, 'first-session', times[0]!);
    if (times.length >= 5) add(id, 'sessions-5', times[4]!);
    if (times.length >= 10) add(id, 'sessions-10', times[9]!);
  }
  for (const [id, at] of extra.goalReached ?? []) add(id, 'goal-reached', at);
  for (const p of data.pairs) {
    if (!p.completed) continue;
    add(p.menteeId, 'cohort-completed', p.endedAt);
    add(p.mentorId, 'cohort-completed', p.endedAt);
  }
  for (const [id, at] of extra.topRated ?? []) add(id, 'top-rated-mentor', at);
  const seen = new Set<string>();
  return out
    .filter((b) => {
      const key = `${b.memberId}|${b.kind}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => byName(a.name, b.name) || (a.earnedAt ?? '').localeCompare(b.earnedAt ?? ''));
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
