import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';

/** A publication: the moment a run's pairs became the cohort's active pairs, kept as history. */
export const Publication = z.object({
  id: z.string(),
  runId: z.string(),
  runName: z.string(),
  publishedAt: z.string(),
  pairCount: z.number().int(),
});
export type Publication = z.infer<typeof Publication>;

export const PublishedPair = z.object({
  id: z.string(),
  menteeId: z.string(),
  mentorId: z.string(),
  status: z.enum(['active', 'ended', 'dissolved']),
  score: z.number(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type PublishedPair = z.infer<typeof PublishedPair>;

const ForCohort = z.object({ cohortId: Id });

export const pairsContract = defineContract({
  /** Makes a run the cohort's active pairs: pairs already active stay (with their history), others end. */
  'pairs.publish': {
    input: z.object({ runId: Id }),
    output: z.object({ publication: Publication, kept: z.number().int(), added: z.number().int(), ended: z.number().int() }),
  },
  'pairs.publications': { input: ForCohort, output: z.array(Publication) },
  'pairs.active': { input: ForCohort, output: z.array(PublishedPair) },
  'pairs.dissolved': { input: ForCohort, output: z.array(PublishedPair) },
  'pairs.dissolve': { input: z.object({ pairId: Id }), output: PublishedPair },
});
