import type { z } from 'zod';

/** One method of the contract: what it accepts (always parsed) and what it returns (parsed in tests and development). */
export interface MethodSchema {
  input: z.ZodType;
  output: z.ZodType;
}

/** A feature's part of the contract: method name -> schemas. Pure zod, so the renderer can read its types. */
export type ContractSlice = Record<string, MethodSchema>;

/** The functions that serve a slice: each takes the parsed input and returns what the output schema accepts. */
export type SliceHandlers<C extends ContractSlice> = {
  [M in keyof C]: (input: z.output<C[M]['input']>) => Promise<z.input<C[M]['output']>> | z.input<C[M]['output']>;
};

/** Declares a slice with its method names checked against the feature's prefix at compile time. */
export function defineContract<const C extends ContractSlice>(slice: C): C {
  return slice;
}
