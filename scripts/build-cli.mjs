/**
 * Bundles the command line (src/cli/main.ts) so that plain Node 22 runs it without compiling
 * TypeScript at start: `npm run build:cli`, then `node out/cli/pairwise.mjs --help`. It writes
 *   out/cli/main.mjs      src/cli/main.ts and its imports as one ESM file (+ main.mjs.map)
 *   out/cli/pairwise.mjs  the entry: turns on V8's compile cache, then imports main.mjs and runs runCli
 * out/cli/ is two folders deep like src/cli/, so paths main.ts takes from import.meta.dirname
 * ('../../resources') hold in the bundle too.
 * npm packages stay external (imported from node_modules at run time; better-sqlite3 is native and
 * could not be bundled anyway), except the few in BUNDLED. scripts/pairwise.mjs (`npm run pairwise`)
 * calls buildCli() when the bundle is missing or older than the sources.
 */
import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ENTRY = join(ROOT, 'src/cli/main.ts');
export const OUTDIR = join(ROOT, 'out/cli');

/**
 * Pure-JS packages every command loads at start that are bundled in, not imported from node_modules:
 * their ESM builds are hundreds of small files (kysely ~300, zod ~120), and resolving and linking
 * them cost more than the rest of start-up (~0.15 s of CPU on `--help`; see docs/decisions.md).
 * Everything else stays external. `buildCli({ bundled: [] })` builds with every package external.
 */
export const BUNDLED = ['kysely', 'zod'];

/** The package name of a bare import specifier ('zod/v4' -> 'zod', '@a/b/c' -> '@a/b'), or null for paths and node: builtins. */
function packageOf(specifier) {
  if (/^(\.|\/|[A-Za-z]:|node:)/.test(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The entry. The compile cache (in the OS temp folder, keyed by file content) has to be on before
 * the bundle is compiled, so it cannot be turned on from inside the bundle: ~20-50 ms less CPU per
 * run. main.mjs is not run as the main module here (its file name is not process.argv[1]'s), so
 * this calls runCli itself, as src/cli/main.ts does when run directly.
 */
const ENTRY_SOURCE = `// Written by scripts/build-cli.mjs: the CLI's entry. Run: node out/cli/pairwise.mjs --help
import module from 'node:module';
import v8 from 'node:v8';

module.enableCompileCache?.();
// A short-lived process that reads a few MB of JSON: a larger young generation spends less of it collecting.
v8.setFlagsFromString('--max-semi-space-size=32');
const { main } = await import('./main.mjs');
await main();
`;

/** Writes a file under a temporary name and renames it: a concurrent run never imports half a file. */
function writeAtomically(path, contents, mtime) {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, contents);
    utimesSync(tmp, mtime, mtime);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Builds main.mjs (+ .map) and the entry pairwise.mjs in outdir (out/cli); returns the entry's path from the root. */
export async function buildCli({ outdir: dir = OUTDIR, bundled = BUNDLED } = {}) {
  const outdir = resolve(ROOT, dir);
  const outfile = join(outdir, 'main.mjs');
  // esbuild is loaded only when a build is needed (it comes with vite and tsx).
  const { build } = await import('esbuild');
  // The bundle gets the time the build started: a source saved while it ran is newer, so the launcher rebuilds.
  const started = new Date();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    // A shipped build: dispatch skips parsing every answer with its schema (tests check them in-process).
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'external-packages', // like packages: 'external', but for the BUNDLED ones
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, ({ path }) => {
            const name = packageOf(path);
            return name === null || bundled.includes(name) ? undefined : { path, external: true };
          });
        },
      },
    ],
    sourcemap: 'linked', // read only with `node --enable-source-maps`
    logLevel: 'error',
    write: false,
  });
  mkdirSync(outdir, { recursive: true });
  // The map, then the bundle (whose time the launcher's staleness check reads), then the entry.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile));
  for (const file of files) writeAtomically(file.path, file.contents, started);
  const entry = join(outdir, 'pairwise.mjs');
  writeAtomically(entry, ENTRY_SOURCE, started);
  return relative(ROOT, entry);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  // node scripts/build-cli.mjs [--outdir DIR] [--all-external]: --all-external builds the same CLI
  // with every package external, for comparison (bench:cli builds one in tmp/bench-cli/).
  const k = process.argv.indexOf('--outdir');
  const options = { ...(k > 0 ? { outdir: process.argv[k + 1] } : {}), ...(process.argv.includes('--all-external') ? { bundled: [] } : {}) };
  const t0 = performance.now();
  const entry = await buildCli(options);
  process.stderr.write(`built ${entry} in ${Math.round(performance.now() - t0)} ms\n`);
}
