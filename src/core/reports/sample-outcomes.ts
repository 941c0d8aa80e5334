import type { Writer } from '../db/writer';
import { insertGoal } from '../goals/goals';

const DAY = 86_400_000;
const GOALS = ['Present to the leadership team', 'Lead a project end to end', 'Build a 12-month career plan', 'Give structured feedback', 'Learn the basics of system design', 'Negotiate a stretch assignment'];

export type Habit = 'steady' | 'stops' | 'slow' | 'never';

export interface SamplePair {
  id: string;
  cohortId: string;
  menteePersonId: string;
  mentorPersonId: string;
  startedAt: number;
  habit: Habit;
}

/**
 * The sample's goals and ratings, drawn like its sessions: goals written through the goals work's own
 * insertGoal (steady pairs reach more of theirs; a drifting pair's goal goes stuck), and each side's rating
 * of the match a month in and again near now (steady pairs rate higher than the ones that drift away).
 */
export function sampleOutcomes(w: Writer, pair: SamplePair, now: number, random: () => number): { goals: number; reached: { id: string; at: Date }[]; ratings: number } {
  if (pair.habit === 'never') return { goals: 0, reached: [], ratings: 0 };
  const reached: { id: string; at: Date }[] = [];
  const count = 1 + Math.floor(random() * 2);
  for (let g = 0; g < count; g++) {
    const made = new Date(pair.startedAt + (3 + Math.floor(random() * 7)) * DAY);
    const id = insertGoal(
      w,
      {
        pairId: pair.id,
        cohortId: pair.cohortId,
        scope: random() < 0.3 ? 'pair' : 'mentee',
        title: GOALS[Math.floor(random() * GOALS.length)]!,
        targetDate: new Date(now + 30 * DAY).toISOString().slice(0, 10),
        progress: pair.habit === 'steady' ? 20 + Math.floor(random() * 5) * 15 : 10,
        templateId: null,
        milestones: [],
      },
      // A drifting pair's goal was last moved weeks ago: it shows as stuck.
      pair.habit === 'steady' ? new Date(now - Math.floor(random() * 10) * DAY) : made,
    );
    if (pair.habit === 'steady' && random() < 0.45) reached.push({ id, at: new Date(now - Math.floor(1 + random() * 20) * DAY) });
  }
  let ratings = 0;
  const base = pair.habit === 'steady' ? 4 : pair.habit === 'slow' ? 3 : 2;
  for (const at of [pair.startedAt + 30 * DAY, now - (2 + Math.floor(random() * 5)) * DAY]) {
    if (at >= now) continue;
    for (const side of ['mentee', 'mentor'] as const) {
      const rating = Math.max(1, Math.min(5, base + (random() < 0.5 ? 0 : 1) - (random() < 0.15 ? 1 : 0)));
      w.insert('pair_ratings', {
        pair_id: pair.id,
        cohort_id: pair.cohortId,
        person_id: side === 'mentee' ? pair.menteePersonId : pair.mentorPersonId,
        side,
        match_rating: rating,
        session_rating: rating,
        would_recommend: rating >= 4 ? 1 : 0,
        comment: '',
        rated_at: new Date(at).toISOString(),
      });
      ratings += 1;
    }
  }
  return { goals: count, reached, ratings };
}
