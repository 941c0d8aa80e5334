import { ZodError } from 'zod';
import { ImportRejectedError } from '../import';
import { NotFoundError, UserError } from '../errors';
import { contract, type CallResult, type MethodName } from './contract';
import type { Handlers } from './handlers';

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Runs one call from any transport: unknown methods and malformed input are refused before a handler
 * sees them, and every failure comes back as a message a coordinator can read.
 */
export async function dispatch(handlers: Handlers, method: string, rawInput: unknown): Promise<CallResult> {
  if (!Object.hasOwn(contract, method)) {
    return { ok: false, error: { code: 'invalid-input', message: `Unknown method "${method}"` } };
  }
  const name = method as MethodName;
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${name}: ${describeZodError(parsed.error)}` } };
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      return { ok: false, error: { code: 'user', message: error.message, problems: error.problems } };
    }
    if (error instanceof NotFoundError) return { ok: false, error: { code: 'not-found', message: error.message } };
    if (error instanceof UserError) return { ok: false, error: { code: 'user', message: error.message } };
    if (error instanceof ZodError) return { ok: false, error: { code: 'user', message: describeZodError(error) } };
    console.error(`[pairwise] ${name} failed:`, error);
    return { ok: false, error: { code: 'internal', message: `Something went wrong in ${name}: ${(error as Error).message}` } };
  }
}
