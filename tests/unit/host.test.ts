import { fork } from 'node:child_process';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src/core/api/contract';
import { createHandlers, type Handlers } from '../../src/core/api/handlers';
import { HostOpenError } from '../../src/core/host/client';
import { dispatch } from '../../src/core/api/dispatch';
import { serveCore, waitingOutImportWrites, type Core } from '../../src/core/host/host';
import type { FromHost, HostOptions } from '../../src/core/host/protocol';
import { startWorkerHost } from '../../src/core/host/worker-host';
import { generateRegistrationCsv } from '../../src/core/sample/generate';
import { tempDir, tempStore } from './temp';

const root = join(__dirname, '../..');
const TSX = ['--import', 'tsx'];
const options = (dbPath: string): HostOptions => ({
  dbPath,
  resourcesDir: join(root, 'resources'),
  matchWorkerFile: join(root, 'src/core/runs/worker.ts'),
  importWorkerFile: join(root, 'src/core/import/worker.ts'),
});

/** The host's message loop in this thread, with a fake port: what it posts is collected. */
function inProcessHost(handlers: Handlers) {
  const posted: FromHost[] = [];
  let deliver: (message: unknown) => void = () => {};
  let exited: number | undefined;
  const core: Core = { path: '/fake.sqlite', handlers, close: () => {} };
  serveCore({ post: (m) => posted.push(m), onMessage: (l) => (deliver = l), exit: (code) => (exited = code) }, async () => core);
  const settle = () => new Promise((r) => setTimeout(r, 20));
  const reply = async (id: number): Promise<CallResult> => {
    for (let i = 0; i < 100 && !posted.some((m) => 'id' in m && m.id === id); i++) await settle();
    return (posted.find((m) => 'id' in m && m.id === id) as { result: CallResult }).result;
  };
  return { posted, send: (m: unknown) => deliver(m), reply, settle, exited: () => exited };
}

describe('core host protocol', () => {
  it('answers unknown methods, bad input and failing handlers with CallResults, and keeps answering', async () => {
    const handlers: Handlers = {
      ...createHandlers({ store: await tempStore(), resourcesDir: join(root, 'resources') }),
      'programs.list': () => {
        throw new Error('disk on fire');
      },
      'cohorts.list': () => Promise.reject('not even an Error'),
    };
    const host = inProcessHost(handlers);

    host.send({ id: 1, method: 'programs.create', input: { name: 'Early' } });
    expect(await host.reply(1)).toMatchObject({ ok: false, error: { message: 'The workspace is not open yet' } });

    host.send({ open: options('/fake.sqlite') });
    await host.settle();
    expect(host.posted).toContainEqual({ event: 'ready', data: { path: '/fake.sqlite' } });

    host.send({ id: 2, method: 'members.drop', input: {} });
    host.send({ id: 3, method: 'programs.create', input: { name: 42 } });
    host.send({ id: 4, method: 'programs.list', input: {} });
    host.send({ id: 5, method: 'cohorts.list', input: {} });
    host.send({ id: 6, method: { not: 'a string' }, input: {} });
    host.send('garbage');
    host.send(null);
    host.send({ method: 'programs.list' });
    expect(await host.reply(2)).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Unknown method "members.drop"' } });
    expect(await host.reply(3)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Invalid input for programs.create: name') } });
    expect(await host.reply(4)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await host.reply(5)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await host.reply(6)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'Unknown method ""' } });

    host.send({ id: 7, method: 'programs.create', input: { name: 'Still here' } });
    expect(await host.reply(7)).toMatchObject({ ok: true, value: { name: 'Still here' } });

    host.send({ close: true });
    await host.settle();
    expect(host.posted.at(-1)).toEqual({ event: 'closed', data: {} });
    expect(host.exited()).toBe(0);
  });

  it('an answer that cannot be posted still comes back as an error for that call', async () => {
    const handlers = createHandlers({ store: await tempStore(), resourcesDir: join(root, 'resources') });
    const posted: FromHost[] = [];
    let deliver: (message: unknown) => void = () => {};
    serveCore(
      {
        post: (m) => {
          if ('id' in m && m.result.ok) throw new Error('could not be cloned');
          posted.push(m);
        },
        onMessage: (l) => (deliver = l),
        exit: () => {},
      },
      async () => ({ path: 'x', handlers, close: () => {} }),
    );
    deliver({ open: options('x') });
    deliver({ id: 1, method: 'programs.list', input: {} });
    await new Promise((r) => setTimeout(r, 50));
    expect(posted).toContainEqual({ id: 1, result: { ok: false, error: { code: 'internal', message: 'Something went wrong: the answer could not be sent (could not be cloned)' } } });
  });
});

describe('writes while an import holds the write lock', () => {
  it('wait for it without sleeping the host: reads answer meanwhile, the write lands after the import', async () => {
    const store = await tempStore();
    // Another connection in its write transaction, as the import worker's is.
    const importing = new BetterSqlite3(store.path);
    importing.exec('BEGIN IMMEDIATE');
    let settle: () => void = () => {};
    let writing: Promise<void> | null = new Promise<void>((resolve) => (settle = resolve));
    const handlers = waitingOutImportWrites(createHandlers({ store, resourcesDir: join(root, 'resources') }), store.sqlite, { writesSettled: () => writing });

    const started = performance.now();
    const create = dispatch(handlers, 'programs.create', { name: 'During the import' });
    const list = await dispatch(handlers, 'programs.list', {});
    expect(list).toEqual({ ok: true, value: [] });
    // Without the wrapper, SQLite's busy handler would have slept this thread for up to 5 s by now.
    expect(performance.now() - started).toBeLessThan(1000);

    importing.exec('COMMIT');
    importing.close();
    writing = null;
    settle();
    expect(await create).toMatchObject({ ok: true, value: { name: 'During the import' } });
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});

describe('core host in a worker thread', () => {
  it('serves calls off the calling thread, imports through its own import worker, and closes', async () => {
    const dbPath = join(tempDir(), 'w.sqlite');
    const host = await startWorkerHost(join(root, 'src/core/host/worker-entry.ts'), options(dbPath), { execArgv: TSX });
    try {
      expect(host.path).toBe(dbPath);
      expect(await host.call('nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(await host.call('members.remove', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      const csv = generateRegistrationCsv({ mentors: 200, mentees: 300, seed: 2 });
      const started = await host.call('import.start', { program: 'P', cohort: 'C', fileName: 'p.csv', dataBase64: Buffer.from(csv).toString('base64'), skipInvalid: false });
      expect(started).toMatchObject({ ok: true, value: { state: 'running', fileName: 'p.csv' } });
      const id = (started as { value: { id: string } }).value.id;
      expect(await host.call('import.wait', { importId: id })).toMatchObject({ ok: true, value: { state: 'done', result: { added: 500 }, progress: { phase: 'writing', done: 500, total: 500 } } });
      expect(await host.call('workspace.info', {})).toMatchObject({ ok: true, value: { path: dbPath } });
    } finally {
      await host.close();
    }
    expect(await host.call('workspace.info', {})).toMatchObject({ ok: false, error: { message: 'The workspace was closed' } });
  });

  it('reports a workspace it cannot open, and the host ends', async () => {
    const dbPath = join(tempDir(), 'future.sqlite');
    const raw = new BetterSqlite3(dbPath);
    raw.pragma('user_version = 999');
    raw.close();
    const start = startWorkerHost(join(root, 'src/core/host/worker-entry.ts'), options(dbPath), { execArgv: TSX });
    await expect(start).rejects.toBeInstanceOf(HostOpenError);
    await expect(start).rejects.toThrow(/newer version of Pairwise/);
  });
});

describe('core host in an Electron utility process', () => {
  it('speaks the same messages over process.parentPort (emulated here with a forked Node process)', async () => {
    const dbPath = join(tempDir(), 'w.sqlite');
    // What Electron's utilityProcess provides, built on a plain fork's IPC channel.
    const shim = `data:text/javascript,process.parentPort={postMessage:(m)=>process.send(m),on:(e,l)=>process.on('message',(data)=>l({data}))};`;
    const child = fork(join(root, 'src/core/host/utility-entry.ts'), [], { execArgv: [...TSX, '--import', shim], serialization: 'advanced', stdio: 'inherit' });
    const messages: FromHost[] = [];
    const next = (match: (m: FromHost) => boolean) =>
      new Promise<FromHost>((resolve) => {
        const found = messages.find(match);
        if (found) return resolve(found);
        child.on('message', (m: FromHost) => match(m) && resolve(m));
      });
    child.on('message', (m: FromHost) => messages.push(m));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.send({ open: options(dbPath) });
    expect(await next((m) => 'event' in m)).toEqual({ event: 'ready', data: { path: dbPath } });
    child.send({ id: 1, method: 'programs.create', input: { name: 'Over IPC' } });
    expect(await next((m) => 'id' in m && m.id === 1)).toMatchObject({ id: 1, result: { ok: true, value: { name: 'Over IPC' } } });
    child.send({ close: true });
    expect(await exited).toBe(0);
  });
});
