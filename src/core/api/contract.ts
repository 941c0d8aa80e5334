import type { z } from 'zod';
import { editsContract } from '../edits/contract';
import { dueContract } from '../due/contract';
import { goalsContract } from '../goals/contract';
import { mentorsContract } from '../mentors/contract';
import { importContract } from '../import/contract';
import { learningContract } from '../learning/contract';
import { RowProblem } from '../import/contract';
import { matchingContract } from '../matching/contract';
import { pairsContract } from '../pairs/contract';
import { participantsContract } from '../participants/contract';
import { peopleContract } from '../people/contract';
import { programsContract } from '../programs/contract';
import { reportsContract } from '../reports/contract';
import { runsContract } from '../runs/contract';
import { sampleContract } from '../sample/contract';
import { checkinsContract } from '../checkins/contract';
import { remindersContract } from '../reminders/contract';
import { feedbackContract } from '../feedback/contract';
import { sessionsContract } from '../sessions/contract';
import { syncContract } from '../sync/contract';
import { workspaceContract } from '../workspace/contract';
import type { ContractSlice } from './slice';

/**
 * The one API contract: every method the renderer, the web bridge and the CLI can call, merged from the
 * features' slices (each feature folder has its contract.ts and handlers.ts). A new feature adds one line
 * here and one in handlers.ts.
 */
const slices = [
  workspaceContract,
  programsContract,
  participantsContract,
  peopleContract,
  importContract,
  editsContract,
  runsContract,
  pairsContract,
  sessionsContract,
  reportsContract,
  feedbackContract,
  checkinsContract,
  remindersContract,
  goalsContract,
  dueContract,
  mentorsContract,
  matchingContract,
  learningContract,
  sampleContract,
  syncContract,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type Contract = UnionToIntersection<(typeof slices)[number]>;

function merge(parts: readonly ContractSlice[]): ContractSlice {
  const merged: ContractSlice = {};
  for (const part of parts) {
    for (const [name, schema] of Object.entries(part)) {
      if (Object.hasOwn(merged, name)) throw new Error(`Two contract slices define ${name}`);
      merged[name] = schema;
    }
  }
  return merged;
}

export const contract = merge(slices) as Contract;

export type MethodName = keyof Contract & string;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export type ErrorCode = 'invalid-input' | 'user' | 'not-found' | 'internal';

/** What crosses a transport: a value, or an error the UI can show as is. */
export type CallResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { message: string; code: ErrorCode; problems?: z.infer<typeof RowProblem>[] } };

/** The typed client every front end (renderer, tests) programs against. */
export interface PairwiseApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
