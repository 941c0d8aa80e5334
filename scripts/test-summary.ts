// Prints one closing line for the whole suite (unit + end-to-end): "Tests: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

interface VitestReport { numPassedTests: number; numFailedTests: number; numPendingTests: number }
interface PlaywrightReport { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }

const read = <T>(path: string): T | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined);
const unit = read<VitestReport>('test-results/vitest.json');
const e2e = read<PlaywrightReport>('test-results/playwright.json');
if (!unit || !e2e) {
  console.error('Missing test reports: run npm test');
  process.exit(1);
}
const passed = unit.numPassedTests + e2e.stats.expected + e2e.stats.flaky;
const failed = unit.numFailedTests + e2e.stats.unexpected;
const skipped = unit.numPendingTests + e2e.stats.skipped;
console.log(`unit ${unit.numPassedTests} passed · end-to-end ${e2e.stats.expected} passed`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
