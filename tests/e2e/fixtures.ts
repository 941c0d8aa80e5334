import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import AxeBuilder from '@axe-core/playwright';
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

/** Runs matching on the current cohort with its saved settings and publishes Run 1 (the Matching page's buttons). */
export async function publishFirstRun(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Matching' }).click();
  await page.getByRole('button', { name: 'Run matching' }).click();
  await expect(page.getByRole('combobox', { name: 'Run' })).toContainText('Run 1', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Publish pairs' }).click();
  await expect(page.getByText(/^Published: \d+ new pairs/)).toBeVisible();
}

/**
 * Serious and critical WCAG 2 A/AA violations on screen now, each in words ("where: rule at selector:
 * what to fix"). Waits first for what would make a scan flaky: the pointer is moved away and tooltips have
 * faded out, and an open dialog has finished fading in. `include` limits the scan (e.g. to the dialog).
 */
export async function violations(page: Page, where = '', options: { include?: string } = {}): Promise<string[]> {
  await page.mouse.move(0, 0);
  await expect(page.locator('.MuiTooltip-popper')).toHaveCount(0);
  // MUI animates colours for up to 300 ms (a theme switch, a hover ending): scan the settled colours.
  await page.waitForTimeout(350);
  const dialogs = page.locator('.MuiDialog-container');
  if ((await dialogs.count()) > 0) await expect(dialogs.last()).toHaveCSS('opacity', '1');
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${where ? `${where}: ` : ''}${v.id} (${v.impact}) at ${n.target.join(' ')} "${n.html.slice(0, 120)}": ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`),
    );
}
