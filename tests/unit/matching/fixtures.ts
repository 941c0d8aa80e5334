import { seededRandom as rng } from '../../../src/core/sample/generate';
import type { Member } from '../../../src/core/domain/participant';
import { MatchSettings, type MatchSettingsInput } from '../../../src/core/matching/settings';

type MemberInput = Partial<Member> & Pick<Member, 'id' | 'role'>;

/** A cohort member with neutral defaults; tests override only what they are about. */
export function member(p: MemberInput): Member {
  return {
    personId: `person-${p.id}`,
    cohortId: 'cohort-1',
    fullName: p.id,
    email: `${p.id}@example.org`,
    capacity: p.role === 'mentor' ? 1 : 0,
    timezone: 'Europe/Berlin',
    interests: [],
    expertise: [],
    goals: '',
    bio: '',
    languages: ['English'],
    department: null,
    team: null,
    managerEmail: null,
    seniorityYears: null,
    availability: [],
    approval: 'approved',
    ...p,
  };
}

export const mentee = (id: string, p: Partial<Member> = {}) => member({ id, role: 'mentee', ...p });
export const mentor = (id: string, p: Partial<Member> = {}) => member({ id, role: 'mentor', ...p });

/** Settings scoring on content only, so expected scores are easy to reason about. */
export function contentOnly(extra: MatchSettingsInput = {}): MatchSettings {
  return MatchSettings.parse({
    startDate: '2025-01-13',
    ...extra,
    criteria: {
      content: { enabled: true, weight: 1 },
      language: { enabled: false, weight: 1 },
      seniority: { enabled: false, weight: 1, minYears: 2, maxYears: 15, toleranceYears: 3 },
      department: { enabled: false, weight: 1, prefer: 'prefer-different' },
      availability: { enabled: false, weight: 1, targetHours: 3 },
      load: { enabled: false, weight: 0 },
      ...(extra.criteria ?? {}),
    },
  });
}

/** Work-hours availability Monday–Friday in local time. */
export const workWeek = (start = 9 * 60, end = 17 * 60) => [0, 1, 2, 3, 4].map((day) => ({ day, start, end }));

const TOPICS = ['rust', 'go', 'machine learning', 'public speaking', 'leadership', 'design systems', 'sql', 'career change', 'security', 'react'];
const ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'UTC+05:30', 'America/Los_Angeles'];

/** A random but reproducible cohort for property-style tests. */
export function randomCohort(seed: number, nMentees: number, nMentors: number): Member[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const tags = () => [...new Set([pick(TOPICS), pick(TOPICS), pick(TOPICS)])];
  const out: Member[] = [];
  for (let k = 0; k < nMentees; k++) {
    out.push(
      mentee(`e${k}`, {
        interests: tags(),
        goals: `I want to get better at ${pick(TOPICS)}`,
        timezone: pick(ZONES),
        department: pick(['Eng', 'Sales', 'Ops']),
        team: pick(['t1', 't2', 't3', 't4']),
        seniorityYears: Math.floor(r() * 6),
        availability: workWeek(8 * 60 + Math.floor(r() * 3) * 60, 15 * 60 + Math.floor(r() * 3) * 60),
      }),
    );
  }
  for (let k = 0; k < nMentors; k++) {
    out.push(
      mentor(`m${k}`, {
        expertise: tags(),
        bio: `Years of ${pick(TOPICS)} and ${pick(TOPICS)}`,
        capacity: 1 + Math.floor(r() * 3),
        timezone: pick(ZONES),
        department: pick(['Eng', 'Sales', 'Ops']),
        team: pick(['t1', 't2', 't3', 't4']),
        seniorityYears: 3 + Math.floor(r() * 15),
        availability: workWeek(),
      }),
    );
  }
  return out;
}
