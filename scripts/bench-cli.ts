/**
 * CLI start-up benchmark, `npm run bench:cli [-- --jslp-runs N]`: whole-process wall time, median of
 * 5 runs, of the bundled CLI run by plain Node 22 (`node out/cli/pairwise.mjs`, rebuilt first), for
 * `--help` and for `solve` on the seeded 500x200 cohort of bench:match written as solve JSON; and of a
 * whole Node process that loads javascript-lp-solver and solves the same LP (about 100 s a run: the
 * benchmark takes ~10 minutes; --jslp-runs 1 for a quick look). For information: `npm run -s pairwise`
 * (npm + the launcher's staleness check + the bundle), the bundle built with every package external,
 * and the old `tsx src/cli/main.ts` entry. Runs are interleaved (round k of every case, then round
 * k+1) so a busy machine weighs on all cases alike; the load average is printed with the table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProblem, prepareCohort } from '../src/core/matching/cohort';
import { SCORE_SCALE } from '../src/core/matching/scoring';
import { BENCH_SETTINGS, generateCohort } from './bench-match';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'out/cli/pairwise.mjs');
// In the repo (so the external packages resolve from node_modules) but outside out/, which installers package.
const OUT = join(ROOT, 'tmp/bench-cli');
const BUNDLE_EXTERNAL = join(OUT, 'cli-external/pairwise.mjs');
const RUNS = 5;
const NODE = process.execPath; // Node 22: npm scripts put node_modules/.bin/node (the "node" package) first on PATH
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** The bench:match 500x200 cohort (seed 42), scored by the real pipeline, as the JSON `solve FILE.json` takes. */
function writeInstance(file: string): number {
  const cohort = prepareCohort(generateCohort(500, 200), BENCH_SETTINGS);
  const problem = buildProblem(cohort);
  const { table } = cohort;
  const pairs: { mentee: string; mentor: string; score: number }[] = [];
  for (let i = 0; i < table.nMentees; i++) {
    for (let q = table.rowStart[i]!; q < table.rowStart[i + 1]!; q++) {
      pairs.push({ mentee: cohort.mentees[i]!.id, mentor: cohort.mentors[table.mentor[q]!]!.id, score: -table.cost[q]! / SCORE_SCALE });
    }
  }
  const input = {
    mode: 'max-score',
    mentors: cohort.mentors.map((m, j) => ({ id: m.id, capacity: problem.capacity[j]! })),
    mentees: cohort.mentees.map((m) => ({ id: m.id })),
    pairs,
  };
  writeFileSync(file, JSON.stringify(input));
  return pairs.length;
}

/**
 * A plain Node script: load javascript-lp-solver, read the same JSON and solve the LP max Σ score·x
 * s.t. each mentee ≤ 1, each mentor ≤ capacity, 0 ≤ x. Its optimum is integral (the constraint matrix
 * is totally unimodular), so it is the same optimum as pairwise's; declaring x binary makes
 * javascript-lp-solver take about twice as long for the same answer.
 */
const JSLP_SCRIPT = `import { readFileSync } from 'node:fs';
import solver from 'javascript-lp-solver';
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const constraints = {};
const variables = {};
for (const e of input.mentees) constraints['e:' + e.id] = { max: 1 };
for (const m of input.mentors) constraints['m:' + m.id] = { max: m.capacity };
input.pairs.forEach((p, k) => {
  variables['x' + k] = { score: p.score, ['e:' + p.mentee]: 1, ['m:' + p.mentor]: 1 };
});
const res = solver.Solve({ optimize: 'score', opType: 'max', constraints, variables });
let matched = 0;
let fractional = 0;
for (const [k, v] of Object.entries(res)) {
  if (!k.startsWith('x')) continue;
  if (v > 0.5) matched++;
  if (Math.abs(v - Math.round(v)) > 1e-9) fractional++;
}
process.stdout.write(JSON.stringify({ feasible: res.feasible, objective: res.result, matched, fractional }) + '\\n');
`;

interface Case {
  how: string;
  name: string;
  cmd: string;
  args: string[];
  runs: number;
  target?: number;
  info?: boolean;
  times: number[];
  cpu: number[];
  failed?: string;
  stdout?: string;
}

/**
 * CPU time (user + sys, ms) of this process's waited-for children so far, from /proc/self/stat
 * (cutime + cstime, in clock ticks of 10 ms); null where there is no /proc. It covers grandchildren
 * too (npm's script, tsx's child), and unlike wall time it hardly grows on a busy machine.
 */
function childrenCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function run(c: Case): void {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const out = spawnSync(c.cmd, c.args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  if (out.status !== 0) {
    c.failed ??= `exit ${out.status ?? out.signal}: ${(out.stderr || out.error?.message || '').trim().split('\n')[0]}`;
    return;
  }
  c.times.push(ms);
  if (cpu0 !== null && cpu1 !== null) c.cpu.push(cpu1 - cpu0);
  c.stdout = out.stdout;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

function build(...args: string[]): void {
  const out = spawnSync(NODE, [join(ROOT, 'scripts/build-cli.mjs'), ...args], { cwd: ROOT, stdio: 'inherit' });
  if (out.status !== 0) throw new Error(`node scripts/build-cli.mjs ${args.join(' ')} failed`);
}

function main(): void {
  const k = process.argv.indexOf('--jslp-runs');
  const jslpRuns = k >= 0 ? Math.max(1, Number(process.argv[k + 1]) || 1) : RUNS;
  build();
  build('--all-external', '--outdir', relative(ROOT, dirname(BUNDLE_EXTERNAL)));
  mkdirSync(OUT, { recursive: true });
  const instance = join(OUT, 'solve-500x200.json');
  const nPairs = writeInstance(instance);
  const jslp = join(OUT, 'jslp-solve.mjs');
  writeFileSync(jslp, JSLP_SCRIPT);
  const file = relative(ROOT, instance);

  const c = (how: string, name: string, cmd: string, args: string[], more: Partial<Case> = {}): Case => ({ how, name, cmd, args, runs: RUNS, times: [], cpu: [], ...more });
  const pairwise = ['run', '-s', 'pairwise', '--'];
  const help = c('node out/cli/pairwise.mjs', '--help', NODE, [BUNDLE, '--help'], { target: 250 });
  const solve = c('node out/cli/pairwise.mjs', 'solve 500x200', NODE, [BUNDLE, 'solve', file], { target: 350 });
  const lp = c('node + javascript-lp-solver', 'same LP, 500x200', NODE, [jslp, file], { runs: jslpRuns });
  const cases = [
    help,
    solve,
    lp,
    c('npm run -s pairwise', '--help', NPM, [...pairwise, '--help'], { info: true }),
    c('npm run -s pairwise', 'solve 500x200', NPM, [...pairwise, 'solve', file], { info: true }),
    c('bundle, every package external', '--help', NODE, [BUNDLE_EXTERNAL, '--help'], { info: true }),
    c('bundle, every package external', 'solve 500x200', NODE, [BUNDLE_EXTERNAL, 'solve', file], { info: true }),
    c('tsx src/cli/main.ts (old entry)', '--help', NODE, [TSX, 'src/cli/main.ts', '--help'], { info: true }),
    c('tsx src/cli/main.ts (old entry)', 'solve 500x200', NODE, [TSX, 'src/cli/main.ts', 'solve', file], { info: true }),
  ];

  const load = loadavg()[0]!;
  process.stderr.write(`${process.version}; ${file}: 500 mentees, 200 mentors, ${nPairs.toLocaleString('en-US')} allowed pairs\n`);
  // One uncounted run of each (file cache; the launcher's compile cache), except the ~100 s LP.
  for (const x of cases) if (x !== lp) run(x);
  for (const x of cases) {
    x.times = [];
    x.cpu = [];
  }
  for (let r = 0; r < RUNS; r++) {
    process.stderr.write(`round ${r + 1}/${RUNS}\n`);
    for (const x of cases) if (r < x.runs) run(x);
  }
  const loadAfter = loadavg()[0]!;

  const ours = JSON.parse(solve.stdout ?? '{}') as { status?: string; objective?: number; matched?: number };
  const theirs = JSON.parse(lp.stdout ?? '{}') as { objective?: number; matched?: number; fractional?: number };
  const agree = ours.objective !== undefined && theirs.objective !== undefined && Math.abs(ours.objective - theirs.objective) < 1e-6;

  const header = ['how', 'command', 'median', 'runs (min–max)', 'CPU (median)', 'target', 'met', 'ratio'];
  const row = (x: Case, ratio = '') => {
    if (x.failed) return [x.how, x.name, 'failed', x.failed, '', '', '', ''];
    const m = median(x.times);
    const target = x.info ? 'info' : x.target === undefined ? '' : `< ${seconds(x.target)}`;
    const met = x.target === undefined ? '' : m < x.target ? 'met' : 'missed';
    const cpu = x.cpu.length ? seconds(median(x.cpu)) : 'n/a';
    return [x.how, x.name, seconds(m), `${x.times.length} (${seconds(Math.min(...x.times))}–${seconds(Math.max(...x.times))})`, cpu, target, met, ratio];
  };
  const ratio = solve.failed || lp.failed ? 'n/a' : `${(median(lp.times) / median(solve.times)).toFixed(0)}× pairwise solve`;
  const rows = cases.map((x) => row(x, x === lp ? ratio : ''));

  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(
    `\nmedian, min–max and target: whole process, wall clock; CPU: user + sys of the process tree. Node ${process.version}, ${cpus().length} CPUs, load average ${load.toFixed(1)} before / ${loadAfter.toFixed(1)} after` +
      `${Math.max(load, loadAfter) > cpus().length / 2 ? ' (busy machine: times are inflated)' : ''}.\n` +
      `Instance: bench:match's 500x200 cohort (seed 42), ${nPairs.toLocaleString('en-US')} allowed pairs, max-score, ${relative(ROOT, instance)}.\n` +
      `pairwise: ${ours.status ?? '?'}, objective ${ours.objective?.toFixed(6) ?? '?'}, ${ours.matched ?? '?'} matched. ` +
      `javascript-lp-solver: objective ${theirs.objective?.toFixed(6) ?? '?'}, ${theirs.matched ?? '?'} matched, ${theirs.fractional ?? '?'} fractional — ` +
      `${agree ? 'same optimum' : 'OBJECTIVES DIFFER'}. ratio = javascript-lp-solver time / pairwise solve time.`,
  );
}

main();
