import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, loadSample, startWebApp, test } from './fixtures';

const root = resolve(import.meta.dirname, '../..');

/** `npm run web -- --db DB --port PORT`, as a coordinator restarts it on the address the tab is open at. */
async function startOnPort(dbPath: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/web/main.ts'), '--db', dbPath, '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`web bridge did not start: ${stderr}`)), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /running at (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`web bridge exited with ${code}: ${stderr}`)));
  });
  return { url, stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) };
}

test('a restarted npm run web on the same workspace keeps its token: the open tab works after a reload, with no new URL', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-e2e-token-'));
  const dbPath = join(dir, 'workspace.sqlite');
  const otherDb = join(dir, 'other.sqlite');
  const stops: (() => Promise<void>)[] = [];
  try {
    const first = await startWebApp(dbPath);
    stops.push(first.stop);
    const port = Number(new URL(first.app.url).port);
    expect(statSync(`${dbPath}.web-token`).mode & 0o777).toBe(0o600);

    const page = await browser.newPage();
    await page.goto(first.app.url);
    await loadSample(page);
    await expect(page).not.toHaveURL(/token=/); // the token left the address bar; the tab remembers it
    await first.stop();
    stops.pop();

    const second = await startOnPort(dbPath, port);
    stops.push(second.stop);
    expect(second.url).toBe(first.app.url); // same address, same token
    await page.reload();
    await expect(page.getByRole('table', { name: 'Cohorts of Sample program' })).toBeVisible();
    await expect(page.getByText('access token')).toHaveCount(0);
    await second.stop();
    stops.pop();

    // Another workspace on that address has another token: the tab says exactly what to do…
    const other = await startOnPort(otherDb, port);
    stops.push(other.stop);
    expect(other.url).not.toBe(first.app.url);
    await page.reload();
    await expect(page.getByText('Open the URL that `npm run web` printed in its terminal, the one ending in #token=…, in this tab')).toBeVisible();
    // …and pasting that URL into the open tab (only the fragment changes) is enough: the new token replaces the remembered one.
    await page.goto(other.url);
    await expect(page.getByText('Welcome to Pairwise')).toBeVisible();
    await expect(page.getByText('access token')).toHaveCount(0);
    await expect(page).not.toHaveURL(/token=/);
    await page.close();
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
