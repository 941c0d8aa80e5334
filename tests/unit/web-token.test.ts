import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { startWebBridge } from '../../src/web/server';
import { tokenFilePath, workspaceToken } from '../../src/web/token';
import { tempDir, tempStore } from './temp';

const posix = process.platform !== 'win32';
const mode = (file: string) => statSync(file).mode & 0o777;

describe('the web bridge token kept beside the workspace', () => {
  it('is written once, owner-only, and the same on every later start', () => {
    const db = join(tempDir(), 'workspace.sqlite');
    const first = workspaceToken(db);
    expect(first).toMatchObject({ file: `${db}.web-token`, status: 'new' });
    expect(first.token).toMatch(/^[0-9a-f]{48}$/);
    expect(readFileSync(tokenFilePath(db), 'utf8')).toBe(`${first.token}\n`);
    if (posix) expect(mode(first.file)).toBe(0o600);
    expect(workspaceToken(db)).toEqual({ ...first, status: 'reused' });
    // Another workspace in the same folder has its own.
    expect(workspaceToken(join(tempDir(), 'other.sqlite')).token).not.toBe(first.token);
    expect(readdirSync(join(db, '..')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('is 0600 whatever the umask', () => {
    const previous = process.umask(0);
    try {
      const { file } = workspaceToken(join(tempDir(), 'w.sqlite'));
      if (posix) expect(mode(file)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it.skipIf(!posix)('is replaced when others may read it, when it is not a token, or not a plain file', () => {
    const db = join(tempDir(), 'workspace.sqlite');
    const file = tokenFilePath(db);
    const { token } = workspaceToken(db);

    chmodSync(file, 0o644); // readable by everyone: whoever read it could drive the workspace
    const afterMode = workspaceToken(db);
    expect(afterMode.status).toBe('new');
    expect(afterMode.token).not.toBe(token);
    expect(mode(file)).toBe(0o600);

    writeFileSync(file, 'not a token\n');
    chmodSync(file, 0o600);
    expect(workspaceToken(db).status).toBe('new');
    expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{48}\n$/);

    chmodSync(file, 0o000); // unreadable by its owner (root reads it anyway: the mode alone refuses it)
    expect(workspaceToken(db).status).toBe('new');
    expect(mode(file)).toBe(0o600);

    // A link planted where the token goes is replaced, never followed: its target stays as it was.
    const target = join(tempDir(), 'target');
    writeFileSync(target, `${'a'.repeat(48)}\n`);
    chmodSync(target, 0o600);
    rmSync(file);
    symlinkSync(target, file);
    const afterLink = workspaceToken(db);
    expect(afterLink.status).toBe('new');
    expect(afterLink.token).not.toBe('a'.repeat(48));
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe(`${'a'.repeat(48)}\n`);
  });

  it('falls back to a token for this run only when the folder cannot hold the file', () => {
    const db = join(tempDir(), 'no-such-folder', 'workspace.sqlite');
    const result = workspaceToken(db);
    expect(result.status).toBe('unsaved');
    expect(result.token).toMatch(/^[0-9a-f]{48}$/);
    expect(existsSync(result.file)).toBe(false);
  });

  it('lets a restarted bridge on the same workspace accept the token an open tab holds', async () => {
    const store = await tempStore();
    const handlers = createHandlers({ store, resourcesDir: join(__dirname, '../../resources') });
    const db = join(tempDir(), 'workspace.sqlite');
    const call = (url: string, token: string) =>
      fetch(new URL('/api/call', url), { method: 'POST', headers: { 'X-Pairwise-Token': token }, body: JSON.stringify({ method: 'programs.list', input: {} }) });

    const first = await startWebBridge({ call: (m, i) => dispatch(handlers, m, i), staticDir: tempDir(), token: workspaceToken(db).token });
    const port = Number(new URL(first.url).port);
    const held = first.token; // what the open tab remembers
    expect((await call(first.url, held)).status).toBe(200);
    await first.close();

    const second = await startWebBridge({ call: (m, i) => dispatch(handlers, m, i), staticDir: tempDir(), port, token: workspaceToken(db).token });
    try {
      expect(second.url).toBe(first.url);
      expect((await call(second.url, held)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
