import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { startWebBridge } from '../../src/web/server';
import { tempDir, tempStore } from './temp';

const resourcesDir = join(__dirname, '../../resources');
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('API contract dispatch', () => {
  it('refuses unknown methods and input that does not fit the schema, naming the field', async () => {
    const handlers = createHandlers({ store: await tempStore(), resourcesDir });
    expect(await dispatch(handlers, 'members.drop', {})).toMatchObject({ ok: false, error: { message: 'Unknown method "members.drop"' } });
    const bad = await dispatch(handlers, 'members.update', { id: 'x', patch: { capacity: -1 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!bad.ok && bad.error.message).toContain('patch.capacity: Capacity cannot be negative');
    expect(await dispatch(handlers, 'cohorts.list', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const badRule = await dispatch(handlers, 'runs.start', { cohortId: 'c', settings: { rules: { timezone: { kind: 'max-offset-diff', hours: 30 } } } });
    expect(!badRule.ok && badRule.error.message).toContain('settings.rules.timezone.hours');
  });

  it('loads the sample cohort once and updates it (not duplicates) on a second load', async () => {
    const store = await tempStore();
    const handlers = createHandlers({ store, resourcesDir });
    const first = await dispatch(handlers, 'sample.load', {});
    expect(first).toMatchObject({ ok: true, value: { summary: { added: 84 }, cohort: { mentorCount: 24, menteeCount: 60 } } });
    const second = await dispatch(handlers, 'sample.load', {});
    expect(second).toMatchObject({ ok: true, value: { summary: { added: 0, unchanged: 84 } } });
  });

  it('returns the row problems of a rejected import and a not-found error for unknown ids', async () => {
    const store = await tempStore();
    const handlers = createHandlers({ store, resourcesDir });
    const program = await dispatch(handlers, 'programs.create', { name: 'P' });
    const cohort = await dispatch(handlers, 'cohorts.create', { programId: (program as { value: { id: string } }).value.id, name: 'C' });
    const cohortId = (cohort as { value: { id: string } }).value.id;
    const result = await dispatch(handlers, 'import.run', {
      cohortId,
      fileName: 'f.csv',
      dataBase64: base64('Full name,Email,Role\nAna,ana@x,mentor\n'),
      skipInvalid: false,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'user', problems: [{ line: 2, column: 'Email', value: 'ana@x' }] } });
    expect(await dispatch(handlers, 'members.list', { cohortId })).toEqual({ ok: true, value: [] });
    expect(await dispatch(handlers, 'members.remove', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('web bridge', () => {
  it('serves the contract on 127.0.0.1 only to callers with the token and the loopback Host', async () => {
    const handlers = createHandlers({ store: await tempStore(), resourcesDir });
    const bridge = await startWebBridge({ call: (method, input) => dispatch(handlers, method, input), staticDir: tempDir() });
    try {
      const url = new URL(bridge.url);
      expect(url.hostname).toBe('127.0.0.1');
      const call = (headers: Record<string, string>) =>
        fetch(new URL('/api/call', url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ method: 'programs.list', input: {} }) });
      expect((await call({})).status).toBe(401);
      expect((await call({ 'X-Pairwise-Token': 'f'.repeat(48) })).status).toBe(401);
      const ok = await call({ 'X-Pairwise-Token': bridge.token });
      expect(await ok.json()).toEqual({ ok: true, value: [] });

      // A page on another name that resolves to 127.0.0.1 (DNS rebinding) is refused.
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: url.port, path: '/api/call', method: 'POST', headers: { Host: `evil.example:${url.port}`, 'X-Pairwise-Token': bridge.token } }, (res) => resolve(res.statusCode ?? 0));
        req.on('error', reject);
        req.end('{}');
      });
      expect(status).toBe(421);
    } finally {
      await bridge.close();
    }
  });
});
