import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProgramWithCohort, expect, test } from './fixtures';

interface Sample {
  ms: number;
  ok: boolean;
  /** The import's progress bar was showing when the call went out and still when its answer came. */
  duringImport: boolean;
  progress: string | null;
}

/**
 * Runs in the page: times workspace.info, called with the page's own token, again and again — for 1.5 s
 * ('idle'), or while the import wizard's progress bar shows ('import').
 */
async function sampleWorkspaceInfo(mode: 'idle' | 'import'): Promise<Sample[]> {
  const token = sessionStorage.getItem('pairwise.token') ?? '';
  const bar = () => document.querySelector('[aria-label="Import progress"]');
  const found: Sample[] = [];
  const started = performance.now();
  while (performance.now() - started < 50_000) {
    const before = bar();
    if (mode === 'idle' && performance.now() - started > 1500) break;
    if (mode === 'import' && !before && (found.length > 0 || document.querySelector('[aria-label="Import summary"]'))) break;
    const sent = performance.now();
    const response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Pairwise-Token': token },
      body: JSON.stringify({ method: 'workspace.info', input: {} }),
    });
    const body = (await response.json()) as { ok: boolean };
    found.push({ ms: performance.now() - sent, ok: body.ok, duringImport: before !== null && bar() !== null, progress: before?.getAttribute('aria-valuetext') ?? null });
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  return found;
}

test('the app keeps answering while a 10,000-row import runs: workspace.info in under 100 ms, then 10000 added', async ({ page, app }) => {
  const { generateRegistrationCsv } = await import('../../src/core/sample/generate');
  const file = join(app.dir, 'big.csv');
  writeFileSync(file, generateRegistrationCsv({ mentors: 3000, mentees: 7000, seed: 21 }));
  await createProgramWithCohort(page, 'Big', 'All hands');
  await page.getByRole('button', { name: 'Import participants' }).first().click();
  await page.getByLabel('Registration file').setInputFiles(file);
  await page.getByRole('button', { name: 'Next: check rows' }).click();
  const importButton = page.getByRole('button', { name: 'Import 10,000 rows' });
  await expect(importButton).toBeEnabled();
  // The same calls with nothing else going on: what this machine's scheduling alone costs.
  const idle = await page.evaluate(sampleWorkspaceInfo, 'idle' as const);
  const clicked = Date.now();
  await importButton.click();

  // From the page, with the token the page itself uses: workspace.info again and again while the
  // wizard's progress bar shows, each answer timed.
  const samples = await page.evaluate(sampleWorkspaceInfo, 'import' as const);
  const stats = (list: Sample[]) => {
    const times = list.map((s) => s.ms).sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? NaN);
    return { samples: times.length, median: at(0.5), p90: at(0.9), max: Math.round(times.at(-1) ?? NaN) };
  };
  const during = samples.filter((s) => s.duringImport);
  const writing = during.filter((s) => s.progress?.includes('Writing'));
  console.log(`workspace.info, idle: ${JSON.stringify(stats(idle))}; during the import: ${JSON.stringify(stats(during))}, ${writing.length} while writing`);
  expect(during.every((s) => s.ok)).toBe(true);
  // Answers came all through the import, during its write transaction too (before the core host, the
  // first call waited for the whole import, about a second, and no other got in).
  expect(writing.length).toBeGreaterThanOrEqual(5);
  // Under 100 ms: nine calls in ten, and the median. None waits for the write, which takes 0.8 s and more
  // (bench:import): a single call can take a few hundred ms on a busy 2-core machine with no import at all.
  expect(stats(during).median).toBeLessThan(100);
  expect(stats(during).p90).toBeLessThan(100);
  for (const sample of during) expect(sample.ms, `workspace.info at ${sample.progress}`).toBeLessThan(500);

  const result = page.getByLabel('Import summary');
  await expect(result).toContainText('10000 added', { timeout: 30_000 });
  console.log(`import: ${((Date.now() - clicked) / 1000).toFixed(1)} s from the click to the summary`);
});
