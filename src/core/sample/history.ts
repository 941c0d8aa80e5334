/**
 * Two finished, rated past cohorts for the sample program, so that a first run of Pairwise shows what a
 * program with history gets: the learned match score (src/core/learning), its evidence, and reports with
 * more than one cohort. Each past cohort is imported, matched with the default hand-set weights and
 * published like a real one; its pairs meet, rate their match, and the cohort is closed. The ratings
 * follow a hidden preference (availability overlap, then a different department; not topics) plus noise, which the
 * learner should find.
 */
import type { Store } from '../db/store';
import { runImport } from '../import';
import type { Breakdown } from '../matching/scoring';
import { PAIR_CRITERIA } from '../matching/settings';
import { closeCohort } from '../pairs/close';
import { publishRun } from '../pairs/publish';
import { createCohort, createProgram, findCohortByName, findProgramByName, getCohort } from '../programs/programs';
import type { Cohort } from '../domain/program';
import { runMatchNow } from '../runs/runs';
import { SAMPLE_PROGRAM } from './contract';
import { generateRegistrationCsv, seededRandom } from './generate';

export const SAMPLE_PAST_COHORTS = [
  { name: 'Spring 2026', startDate: '2026-03-02', seed: 2603, domain: 'spring.example.org' },
  { name: 'Autumn 2026', startDate: '2026-06-01', seed: 2609, domain: 'autumn.example.org' },
] as const;

/** The hidden preference the sample's ratings follow. */
export const SAMPLE_TRUTH: Readonly<Breakdown> = { content: 0, language: 0, seniority: 0, department: 1.5, availability: 2.5 };

const DAY = 86_400_000;
const MINUTE = 60_000;

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

async function pastCohort(store: Store, programId: string, spec: (typeof SAMPLE_PAST_COHORTS)[number]): Promise<number> {
  const cohort = createCohort(store, { programId, name: spec.name, startDate: spec.startDate });
  await runImport(store, {
    cohortId: cohort.id,
    fileName: `${spec.name}.csv`,
    bytes: Buffer.from(generateRegistrationCsv({ mentors: 26, mentees: 52, seed: spec.seed, domain: spec.domain })),
    skipInvalid: false,
  });
  const run = await runMatchNow(store, { cohortId: cohort.id, settings: {}, name: `${spec.name} matching` });
  const start = new Date(`${spec.startDate}T09:00:00Z`);
  publishRun(store, run.id, start);
  // In the order of the mentees' emails: ids are random, and the noise must fall on the same pairs every time.
  const pairs = store.all(
    store.q
      .selectFrom('pairs as p')
      .innerJoin('cohort_members as m', 'm.id', 'p.mentee_id')
      .innerJoin('people as e', 'e.id', 'm.person_id')
      .select(['p.id', 'p.mentee_id', 'p.mentor_id'])
      .where('p.cohort_id', '=', cohort.id)
      .where('p.status', '=', 'active')
      .orderBy('e.email'),
  );
  const byMembers = new Map(run.result.assignments.map((a) => [`${a.menteeId}:${a.mentorId}`, a]));
  const people = new Map(
    store.all(store.q.selectFrom('cohort_members').select(['id', 'person_id']).where('cohort_id', '=', cohort.id)).map((m) => [m.id, m.person_id]),
  );
  const random = seededRandom(spec.seed);
  const drawn = pairs.map((pair) => {
    const a = byMembers.get(`${pair.mentee_id}:${pair.mentor_id}`)!;
    const latent = PAIR_CRITERIA.reduce((s, c) => s + SAMPLE_TRUTH[c] * a.breakdown[c].value, 0) + 0.45 * normal(random);
    return { pair, latent };
  });
  const median = drawn.map((d) => d.latent).sort((x, y) => x - y)[Math.floor(drawn.length / 2)]!;
  store.transact((w) => {
    for (const { pair, latent } of drawn) {
      const l = latent - median;
      const match = l > 0.8 ? 5 : l >= 0 ? 4 : l > -0.5 ? 3 : l > -1 ? 2 : 1;
      // Pairs that worked met more often: 3 to 8 sessions over the cohort's months.
      const held = Math.max(2, Math.min(8, 4 + match - 3 + Math.floor(random() * 2)));
      for (let k = 0; k < held; k++) {
        const startsAt = new Date(start.getTime() + (7 + k * 14) * DAY + Math.floor(random() * 8) * 60 * MINUTE);
        w.insert('sessions', {
          pair_id: pair.id,
          cohort_id: cohort.id,
          starts_at: startsAt.toISOString(),
          entered_in: 'mentee',
          duration_minutes: 45,
          format: 'video',
          status: 'held',
          notes: '',
          topics: '[]',
        });
      }
      const ratedAt = new Date(start.getTime() + 120 * DAY).toISOString();
      for (const side of ['mentee', 'mentor'] as const) {
        // The two sides mostly agree; one in four is a point apart.
        const own = Math.max(1, Math.min(5, match + (random() < 0.25 ? (random() < 0.5 ? -1 : 1) : 0)));
        w.insert('pair_ratings', {
          pair_id: pair.id,
          cohort_id: cohort.id,
          person_id: people.get(side === 'mentee' ? pair.mentee_id : pair.mentor_id)!,
          side,
          match_rating: own,
          session_rating: own,
          would_recommend: own >= 4 ? 1 : 0,
          comment: '',
          rated_at: ratedAt,
        });
      }
    }
  });
  closeCohort(store, cohort.id, new Date(start.getTime() + 150 * DAY));
  return pairs.length;
}

/** Adds the sample program's two past cohorts once (again: nothing new, they are already there). */
export async function loadSampleHistory(store: Store): Promise<{ cohorts: Cohort[]; ratedPairs: number; added: boolean }> {
  const program = findProgramByName(store, SAMPLE_PROGRAM) ?? createProgram(store, { name: SAMPLE_PROGRAM });
  let ratedPairs = 0;
  let added = false;
  for (const spec of SAMPLE_PAST_COHORTS) {
    if (findCohortByName(store, program.id, spec.name)) continue;
    ratedPairs += await pastCohort(store, program.id, spec);
    added = true;
  }
  const cohorts = SAMPLE_PAST_COHORTS.map((spec) => getCohort(store, findCohortByName(store, program.id, spec.name)!.id));
  return { cohorts, ratedPairs, added };
}
