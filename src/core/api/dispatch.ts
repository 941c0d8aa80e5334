import { ZodError } from 'zod';
import { ImportRejectedError } from '../import';
import { InvalidInputError, NotFoundError, UserError } from '../errors';
import { contract, type CallResult, type MethodName } from './contract';
import type { Handlers } from './handlers';

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export interface DispatchOptions {
  /**
   * Parse every output with the method's schema, so a handler cannot return what the contract does not
   * say. On in tests and development; a packaged app skips the cost.
   */
  checkOutputs?: boolean;
}

/** Outputs are checked unless this is a production build (NODE_ENV=production, as packaged bundles set it). */
export const CHECK_OUTPUTS_BY_DEFAULT = process.env.NODE_ENV !== 'production';

/** What a coordinator reads when Pairwise itself failed: what happened to their data and what to do. */
export const INTERNAL_MESSAGE =
  'Pairwise could not finish this because of a problem in Pairwise itself. Nothing was changed. Try again; if it happens again, please report it (the details are in the log).';

/**
 * Runs one call from any transport: unknown methods and malformed input are refused before a handler
 * sees them, and every failure comes back as a message a coordinator can read.
 */
export async function dispatch(handlers: Partial<Handlers>, method: string, rawInput: unknown, options: DispatchOptions = {}): Promise<CallResult> {
  if (!Object.hasOwn(contract, method)) {
    return { ok: false, error: { code: 'invalid-input', message: `Unknown method "${method}"` } };
  }
  const name = method as MethodName;
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${name}: ${describeZodError(parsed.error)}` } };
  }
  let value: unknown;
  try {
    const handler = handlers[name] as ((input: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { code: 'invalid-input', message: `${name} is not served here` } };
    value = await handler(parsed.data);
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      return { ok: false, error: { code: 'user', message: error.message, problems: error.problems } };
    }
    if (error instanceof NotFoundError) return { ok: false, error: { code: 'not-found', message: error.message } };
    if (error instanceof InvalidInputError) return { ok: false, error: { code: 'invalid-input', message: error.message } };
    if (error instanceof UserError) return { ok: false, error: { code: 'user', message: error.message } };
    if (error instanceof ZodError) return { ok: false, error: { code: 'user', message: describeZodError(error) } };
    // A bug, not something the coordinator did: the details go to the log, the screen gets words to act on.
    console.error(`[pairwise] ${name} failed:`, error);
    return { ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } };
  }
  if (options.checkOutputs ?? CHECK_OUTPUTS_BY_DEFAULT) {
    const checked = contract[name].output.safeParse(value);
    if (!checked.success) {
      // A bug in Pairwise, not in the caller's input: say so plainly, with what did not fit for the developer.
      console.error(`[pairwise] ${name} returned what its contract does not say: ${describeZodError(checked.error)}`);
      return { ok: false, error: { code: 'internal', message: `${INTERNAL_MESSAGE} (${name}: its answer did not fit the contract: ${describeZodError(checked.error)})` } };
    }
    return { ok: true, value: checked.data };
  }
  return { ok: true, value };
}
