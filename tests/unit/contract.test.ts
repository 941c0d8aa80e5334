import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../src/core/api/contract';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers, type Handlers } from '../../src/core/api/handlers';
import { tempStore } from './temp';

const resourcesDir = join(__dirname, '../../resources');

describe('the contract', () => {
  it('serves every method it names, and names every method served', async () => {
    const handlers = createHandlers({ store: await tempStore(), resourcesDir });
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('has no unchecked output: every output schema rejects a value of the wrong shape', () => {
    const unchecked = METHOD_NAMES.filter((name) => contract[name].output.safeParse(Symbol('not data')).success);
    expect(unchecked).toEqual([]);
  });

  it('refuses an answer that does not fit the output schema, as a plain internal error', async () => {
    const handlers = createHandlers({ store: await tempStore(), resourcesDir });
    const broken = { ...handlers, 'workspace.info': () => ({ path: 42 }) } as unknown as Handlers;
    const result = await dispatch(broken, 'workspace.info', {}, { checkOutputs: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('did not fit the contract: path:') } });
    // A production build skips the check and passes the answer through.
    expect(await dispatch(broken, 'workspace.info', {}, { checkOutputs: false })).toEqual({ ok: true, value: { path: 42 } });
  });

  it('checks outputs by default outside production builds, so every call the suite makes is checked', async () => {
    const handlers = createHandlers({ store: await tempStore(), resourcesDir });
    const broken = { ...handlers, 'programs.list': () => [{ id: 'p' }] } as unknown as Handlers;
    expect(await dispatch(broken, 'programs.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
