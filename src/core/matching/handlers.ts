import type { SliceHandlers } from '../api/slice';
import { UserError } from '../errors';
import type { matchingContract } from './contract';
import { SolveInputError } from './errors';
import { solveJson } from './solve-json';

/** The bare engine needs no workspace, so its handlers need no context (the CLI's `solve` serves them alone). */
export function matchingHandlers(): SliceHandlers<typeof matchingContract> {
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
