import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import { UserError } from '../errors';
import type { matchingContract } from './contract';
import { SolveInputError } from './errors';
import { solveJson } from './solve-json';

export function matchingHandlers(_context: CoreContext): SliceHandlers<typeof matchingContract> {
  return {
    'matching.solve': (input) => {
      try {
        return solveJson(input.problem);
      } catch (error) {
        if (error instanceof SolveInputError) throw new UserError(error.message);
        throw error;
      }
    },
  };
}
