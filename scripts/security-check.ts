/**
 * `npm run test:security`: Electronegativity (Doyensec's static checker for Electron apps) over the built
 * `out/` folder, offline, then the built index.html's Content-Security-Policy against src/web/csp.ts.
 *
 * The same scan as `electronegativity -i out -e 45.4.1 -x AvailableSecurityFixesGlobalCheck`, run through
 * its runner instead of its CLI because the CLI downloads translations at every start (and sends $LANG with
 * it); the runner gets the English texts it ships instead, and any other attempt to reach the network fails
 * the check. AvailableSecurityFixesGlobalCheck is left out: it fetches Electron's release list.
 *
 * Fails on every finding above INFORMATIONAL that scripts/electronegativity-accepted.json does not accept
 * (by check, file and exact count, with the reason), on accepted findings that no longer occur in a file
 * that is there (the list stays true), and on a file the scanner could not parse.
 */
import http from 'node:http';
import https from 'node:https';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../src/web/csp';

const root = resolve(import.meta.dirname, '..');
const ELECTRON_VERSION = '45.4.1'; // package.json's electron, pinned
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

interface Accepted {
  check: string;
  file: string;
  count: number;
  reason: string;
}
interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { value: number; name: string };
  confidence: { name: string };
  manualReview: boolean;
  description: string;
}

const started = performance.now();
const problems: string[] = [];

// Offline, and provably so: a request from here on is a failure of the check, not a silent download.
for (const module of [http, https]) {
  const refuse = (): never => {
    throw new Error('test:security must not use the network');
  };
  module.request = refuse as typeof module.request;
  module.get = refuse as typeof module.get;
}

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const fromPackage = createRequire(join(packageDir, 'package.json'));
const i18nModule = join(packageDir, 'dist/locales/i18n.js');
// The runner awaits this module's export before it scans: the shipped en-US texts, no download.
require.cache[i18nModule] = {
  id: i18nModule,
  filename: i18nModule,
  loaded: true,
  exports: async () => {
    const i18n = fromPackage('i18n') as { configure(options: object): void; setLocale(locale: string): void };
    i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: dirname(i18nModule), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: globalThis });
    i18n.setLocale('en-US');
  },
} as unknown as NodeJS.Module;
type Run = (options: object, forCli: boolean) => Promise<{ issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[]; globalChecks: number; atomicChecks: number }>;
const run = fromPackage('./dist/runner.js') as Run; // module.exports is the runner

const input = join(root, 'out');
const result = await run(
  {
    input,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: ELECTRON_VERSION,
    parserPlugins: [],
  },
  false,
);

for (const error of result.errors) {
  if (!error.tolerable) problems.push(`could not parse ${error.file}: ${error.message}`);
}

const acceptedFile = join(root, 'scripts/electronegativity-accepted.json');
const accepted = (JSON.parse(readFileSync(acceptedFile, 'utf8')) as { accepted: Accepted[] }).accepted;
const key = (check: string, file: string) => `${check} in ${file}`;
const found = new Map<string, Issue[]>();
for (const issue of result.issues) {
  if (issue.severity.value === 0) continue; // INFORMATIONAL: shown below, never failing
  const file = issue.file.split('\\').join('/');
  found.set(key(issue.id, file), [...(found.get(key(issue.id, file)) ?? []), issue]);
}
for (const [where, issues] of found) {
  const entry = accepted.find((a) => key(a.check, a.file) === where);
  const detail = issues.map((i) => `${i.location.line}:${i.location.column} ${i.severity.name}/${i.confidence.name}`).join(', ');
  if (!entry) problems.push(`${where} (${detail}): not accepted. Fix it, or add it with the reason to scripts/electronegativity-accepted.json`);
  else if (entry.count !== issues.length) problems.push(`${where}: ${issues.length} found (${detail}), ${entry.count} accepted: check the new one(s), then update the count`);
}
for (const entry of accepted) {
  // out/web/ is built by build:web, not by npm run build: its entries count only when it is there.
  if (!found.has(key(entry.check, entry.file)) && existsSync(join(input, entry.file))) problems.push(`${key(entry.check, entry.file)} is accepted but no longer found: remove it from scripts/electronegativity-accepted.json`);
}

// The policy written into the built page is the one the code defines (and the web bridge sends).
for (const page of ['out/renderer/index.html']) {
  const html = readFileSync(join(root, page), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replace(/&#39;|&apos;/g, "'");
  if (meta !== CONTENT_SECURITY_POLICY) problems.push(`${page}: its Content-Security-Policy is ${JSON.stringify(meta)}, not src/web/csp.ts's`);
}

const informational = result.issues.filter((i) => i.severity.value === 0).length;
const acceptedCount = accepted.reduce((sum, a) => sum + a.count, 0);
console.log(
  `Electronegativity ${fromPackage('./package.json').version} on out/ as Electron ${ELECTRON_VERSION}: ${result.globalChecks} global and ${result.atomicChecks} atomic checks (without ${EXCLUDED_CHECKS.join(', ')}), ` +
    `${result.issues.length} findings: ${acceptedCount} accepted, ${informational} informational; scan ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
for (const entry of accepted) console.log(`  accepted ${key(entry.check, entry.file)} ×${entry.count}: ${entry.reason}`);
if (problems.length > 0) {
  console.error(`\ntest:security failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('test:security passed');
