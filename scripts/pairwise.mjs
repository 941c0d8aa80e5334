/**
 * `npm run pairwise -- …`: runs the bundled CLI (out/cli/pairwise.mjs, see scripts/build-cli.mjs),
 * rebuilding it first when it is missing or when anything under src/ (or the build script, or a
 * tsconfig*.json) is newer than it, so this always runs the current source, on a fresh clone too.
 * The check stats every file and folder under src/: ~2-5 ms.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'out/cli/main.mjs');
const ENTRY = join(ROOT, 'out/cli/pairwise.mjs');

/** Whether any file or folder under dir (folders count: a deleted file changes its folder) has mtime > time. */
function newerUnder(dir, time) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (statSync(path).mtimeMs > time) return true;
    if (entry.isDirectory() && newerUnder(path, time)) return true;
  }
  return false;
}

function stale() {
  const built = statSync(BUNDLE, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined || !statSync(ENTRY, { throwIfNoEntry: false })) return true;
  const src = join(ROOT, 'src');
  const tsconfigs = readdirSync(ROOT).filter((name) => /^tsconfig.*\.json$/.test(name));
  for (const file of [src, join(ROOT, 'scripts/build-cli.mjs'), ...tsconfigs.map((name) => join(ROOT, name))]) {
    if (statSync(file).mtimeMs > built) return true;
  }
  return newerUnder(src, built);
}

if (stale()) {
  const { buildCli } = await import('./build-cli.mjs');
  try {
    await buildCli();
  } catch (error) {
    // esbuild has printed its own errors (a syntax error in src/…); anything else is shown here.
    if (!Array.isArray(error?.errors)) process.stderr.write(`Cannot build the CLI bundle: ${error?.message ?? error}\n`);
    process.exit(1);
  }
}

// The entry runs the CLI on process.argv and sets process.exitCode.
await import(pathToFileURL(ENTRY).href);
