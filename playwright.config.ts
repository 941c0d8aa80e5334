import { defineConfig } from '@playwright/test';

// Debian's Chromium (installed by .ci/run); Playwright's own browser downloads cannot work here.
const executablePath = process.env.PAIRWISE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  // Not test-results/ itself: Playwright empties its output folder, which also holds the unit report and screenshots.
  outputDir: 'test-results/e2e-artifacts',
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
