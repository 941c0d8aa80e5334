import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type Page } from '@playwright/test';

const root = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(root, 'test-results/screenshots');

interface WebApp {
  url: string;
  dbPath: string;
  dir: string;
}

/**
 * Starts `src/web/main.ts` on a free port, on its own new database file or on `dbPath` (to restart on the
 * same workspace); `stop` ends it and removes the folder it made.
 */
export async function startWebApp(dbPath?: string): Promise<{ app: WebApp; stop: () => Promise<void> }> {
  const made = dbPath === undefined ? mkdtempSync(join(tmpdir(), 'pairwise-e2e-')) : undefined;
  const dir = made ?? resolve(dbPath!, '..');
  dbPath ??= join(dir, 'workspace.sqlite');
  const child: ChildProcess = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/web/main.ts'), '--db', dbPath, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`web bridge did not start: ${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /running at (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`web bridge exited with ${code}: ${stderr}`)));
  });
  return {
    app: { url, dbPath, dir },
    stop: async () => {
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
      if (made) rmSync(made, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ app: WebApp; shot: (name: string) => Promise<void> }>({
  app: async ({}, use) => {
    const { app, stop } = await startWebApp();
    await use(app);
    await stop();
  },
  page: async ({ page, app }, use) => {
    await page.goto(app.url);
    await use(page);
  },
  shot: async ({ page }, use) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    });
  },
});

export { expect };

export async function loadSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load sample cohort' }).first().click();
  await expect(page.getByText('Sample cohort loaded: 84 added')).toBeVisible();
}

/** Creates a program with one cohort through the UI and opens the cohort's participants. */
export async function createProgramWithCohort(page: Page, program: string, cohort: string): Promise<void> {
  await page.getByRole('button', { name: 'New program' }).first().click();
  await page.getByLabel('Program name').fill(program);
  await page.getByRole('button', { name: 'Create program' }).click();
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill(cohort);
  await page.getByRole('button', { name: 'Create cohort' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Participants' }).click();
}
