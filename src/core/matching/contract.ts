import { z } from 'zod';
import { defineContract } from '../api/slice';
import { SolveOutputSchema } from './schemas';

export const matchingContract = defineContract({
  /**
   * The bare engine: a problem given as mentors with capacity, mentees and scored allowed pairs (the format
   * of `pairwise solve FILE.json`, checked by the engine with messages naming the bad item).
   */
  'matching.solve': { input: z.object({ problem: z.unknown() }), output: SolveOutputSchema },
});
