// The generated year of a 10,000-person program for `npm run bench:tracking`: one cohort of 5,000 mentors
// and 5,000 mentees, 5,000 published pairs, 120,000 sessions, 15,000 goals and 60,000 milestones. Written
// through the one write path (change rows included) in one transaction: this is setup, timed apart.
import type { Store } from '../src/core/db/store';

const DAY = 86_400_000;
export const PAIRS = 5_000;
export const SESSIONS_PER_PAIR = 24;
export const GOALS_PER_PAIR = 3;
export const MILESTONES_PER_GOAL = 4;
/** The program started on this day; the year ends at AS_OF. */
export const START = Date.parse('2026-01-05T09:00:00Z');
export const AS_OF = new Date(START + 365 * DAY);

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'America/Sao_Paulo', 'Australia/Sydney'];
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A small deterministic generator, so every run measures the same workspace. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateYear(store: Store): { cohortId: string; counts: Record<string, number> } {
  const rnd = random(42);
  const counts = { people: 0, pairs: 0, sessions: 0, goals: 0, milestones: 0 };
  const cohortId = store.transact((w) => {
    const program = w.insert('programs', { name: 'Bench program', settings: '{}', archived_at: null });
    const cohort = w.insert('cohorts', { program_id: program, name: 'Year', start_date: '2026-01-05', archived_at: null, matching_settings: null, closed_at: null, summary: null });
    const member = (i: number, role: 'mentor' | 'mentee') => {
      const person = w.insert('people', { program_id: program, email: `${role}${i}@example.org`, full_name: `${role === 'mentor' ? 'Mentor' : 'Mentee'} ${String(i).padStart(5, '0')}` });
      counts.people += 1;
      return w.insert('cohort_members', {
        cohort_id: cohort,
        person_id: person,
        role,
        capacity: role === 'mentor' ? 1 : 0,
        timezone: ZONES[i % ZONES.length]!,
        interests: '[]',
        expertise: '[]',
        languages: '[]',
        goals: '',
        bio: '',
        department: null,
        team: null,
        manager_email: null,
        seniority_years: null,
        availability: '[]',
        approval: 'approved',
      });
    };
    const run = w.insert('match_runs', { cohort_id: cohort, name: 'Run 1', status: 'published', settings: '{}', result: '{"assignments":[]}', matched: PAIRS, unmatched: 0, total_score: 0, optimal: 1, insights: '{}' });
    const publication = w.insert('publications', { cohort_id: cohort, run_id: run, published_at: iso(START), pair_count: PAIRS });
    for (let i = 0; i < PAIRS; i += 1) {
      const started = START + Math.floor(rnd() * 28) * DAY;
      const pair = w.insert('pairs', {
        cohort_id: cohort,
        mentee_id: member(i, 'mentee'),
        mentor_id: member(i, 'mentor'),
        publication_id: publication,
        status: 'active',
        score: rnd(),
        started_at: iso(started),
        ended_at: null,
        cadence_days: i % 10 === 0 ? 7 : null,
        close_outcome: null,
        close_reason: null,
        named_in_reports: 0,
      });
      counts.pairs += 1;
      // One pair in eight stops meeting after month eight; the last two sessions are planned, around the year's end.
      const lapses = i % 8 === 0;
      for (let k = 0; k < SESSIONS_PER_PAIR; k += 1) {
        const at = started + (k + 1) * 14 * DAY + Math.floor(rnd() * 48) * 3_600_000;
        const planned = k >= SESSIONS_PER_PAIR - 2;
        const status = planned ? 'planned' : lapses && k > 16 ? 'cancelled' : rnd() < 0.08 ? 'no-show' : 'held';
        w.insert('sessions', { pair_id: pair, cohort_id: cohort, starts_at: iso(at), entered_in: 'mentee', duration_minutes: 60, format: 'video', status, notes: '', topics: '[]' });
        counts.sessions += 1;
      }
      for (let g = 0; g < GOALS_PER_PAIR; g += 1) {
        const changed = START + Math.floor(rnd() * 360) * DAY;
        const status = rnd() < 0.3 ? 'reached' : rnd() < 0.05 ? 'dropped' : 'open';
        const goal = w.insert('goals', { pair_id: pair, cohort_id: cohort, scope: 'mentee', title: `Goal ${g + 1}`, target_date: '2026-12-31', progress: null, status, progress_changed_at: iso(changed), template_id: null });
        counts.goals += 1;
        for (let m = 0; m < MILESTONES_PER_GOAL; m += 1) {
          const done = status === 'reached' || rnd() < 0.4;
          w.insert('goal_milestones', { goal_id: goal, position: m, title: `Step ${m + 1}`, target_date: null, done: done ? 1 : 0, done_at: done ? iso(changed) : null });
          counts.milestones += 1;
        }
      }
    }
    return cohort;
  });
  return { cohortId, counts };
}
