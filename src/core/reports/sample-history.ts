import type { Store } from '../db/store';
import { UserError } from '../errors';
import { SAMPLE_COHORT, SAMPLE_PROGRAM } from '../sample/contract';
import { seededRandom } from '../sample/generate';
import { updateGoal } from '../goals/goals';
import { sampleOutcomes, type Habit } from './sample-outcomes';

const DAY = 86_400_000;
const TOPICS = ['career growth', 'presenting', 'feedback', 'planning', 'negotiation', 'leadership', 'system design'];

/**
 * Gives the published sample cohort a believable past so the dashboard and reports look real on first
 * run: its active pairs are moved to have started `weeks` weeks ago, and each gets held sessions drawn
 * from a seeded generator (most meet about every cadence, some drift away, a few never start), goals and
 * ratings of the match (sample-outcomes.ts).
 * Only the sample cohort, and only once (a cohort with sessions is refused), so no real data is touched.
 */
export function generateSampleHistory(store: Store, cohortId: string, now: Date, weeks = 12): { pairs: number; sessions: number; goals: number; ratings: number } {
  const cohort = store.first(
    store.q.selectFrom('cohorts as c').innerJoin('programs as p', 'p.id', 'c.program_id').select(['c.name', 'p.name as program']).where('c.id', '=', cohortId).where('c.deleted_at', 'is', null),
  );
  if (!cohort || cohort.name !== SAMPLE_COHORT || cohort.program !== SAMPLE_PROGRAM) throw new UserError('Sample history is only for the sample cohort');
  const pairs = store.all(
    store.q
      .selectFrom('pairs as p')
      .innerJoin('cohort_members as me', 'me.id', 'p.mentee_id')
      .innerJoin('cohort_members as mr', 'mr.id', 'p.mentor_id')
      .innerJoin('people as pe', 'pe.id', 'me.person_id')
      .select(['p.id', 'p.cadence_days', 'me.person_id as mentee_person', 'mr.person_id as mentor_person'])
      .where('p.cohort_id', '=', cohortId)
      .where('p.status', '=', 'active')
      .where('p.deleted_at', 'is', null)
      // By the mentee's email, not by id: ids are random, and the seeded draws must fall on the same pairs every time.
      .orderBy('pe.email'),
  );
  if (pairs.length === 0) throw new UserError('Publish the sample cohort\'s pairs first');
  const existing = store.first(store.q.selectFrom('sessions').select('id').where('cohort_id', '=', cohortId).where('deleted_at', 'is', null));
  if (existing) throw new UserError('The sample cohort already has sessions');
  const random = seededRandom(2027);
  const start = now.getTime() - weeks * 7 * DAY;
  let sessions = 0;
  let goals = 0;
  let ratings = 0;
  const reached: { id: string; at: Date }[] = [];
  store.transact((w) => {
    pairs.forEach((pair, i) => {
      const startedAt = start + Math.floor(random() * 5) * DAY;
      w.update('pairs', pair.id, { started_at: new Date(startedAt).toISOString() });
      const cadence = pair.cadence_days ?? 14;
      // A pair's habit: 70% steady, 15% stop after a while, 10% slow, 5% never meet.
      const r = random();
      const kind: Habit = i % 20 === 7 ? 'never' : r < 0.72 ? 'steady' : r < 0.87 ? 'stops' : 'slow';
      const outcomes = sampleOutcomes(w, { id: pair.id, cohortId, menteePersonId: pair.mentee_person, mentorPersonId: pair.mentor_person, startedAt, habit: kind }, now.getTime(), random);
      goals += outcomes.goals;
      ratings += outcomes.ratings;
      reached.push(...outcomes.reached);
      if (kind === 'never') return;
      const stopAt = kind === 'stops' ? startedAt + (0.35 + random() * 0.3) * (now.getTime() - startedAt) : Infinity;
      let t = startedAt + (2 + random() * 8) * DAY;
      while (t < now.getTime() - DAY && t < stopAt) {
        // Afternoons UTC, on the hour: mornings in the Americas, evenings in Asia.
        const at = new Date(Math.floor(t / DAY) * DAY + (13 + Math.floor(random() * 5)) * 3_600_000);
        if (at.getTime() < now.getTime()) {
          const status = random() < 0.07 ? 'cancelled' : 'held';
          w.insert('sessions', {
            pair_id: pair.id,
            cohort_id: cohortId,
            starts_at: at.toISOString(),
            entered_in: random() < 0.5 ? 'mentor' : 'mentee',
            duration_minutes: random() < 0.7 ? 60 : 45,
            format: random() < 0.7 ? 'video' : random() < 0.5 ? 'in-person' : 'phone',
            status,
            notes: '',
            topics: JSON.stringify([TOPICS[Math.floor(random() * TOPICS.length)]!]),
          });
          sessions += 1;
        }
        t += cadence * (kind === 'slow' ? 1.6 + random() : 0.75 + random() * 0.5) * DAY;
      }
      if (kind !== 'stops') {
        w.insert('sessions', {
          pair_id: pair.id, cohort_id: cohortId, starts_at: new Date(now.getTime() + (3 + Math.floor(random() * 10)) * DAY).toISOString().slice(0, 13) + ':00:00.000Z',
          entered_in: 'mentee', duration_minutes: 60, format: 'video', status: 'planned', notes: '', topics: '[]',
        });
        sessions += 1;
      }
    });
  });
  // Reaching a goal goes through the goals work, which stamps the progress change with that moment.
  for (const g of reached) updateGoal(store, { id: g.id, status: 'reached' }, g.at);
  return { pairs: pairs.length, sessions, goals, ratings };
}
