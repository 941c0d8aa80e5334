// npm run bench:reports — on the generated program year of bench:tracking (10,000 people, 5,000 pairs,
// 120,000 sessions, 15,000 goals; plus 10,000 ratings of the match added here): the dashboard's figures for
// the cohort (target < 150 ms), the PDF progress report (< 3 s and < 400 MB peak memory, measured in a
// fresh process as a CLI run would be) and the XLSX (< 3 s). Prints a table.
// BENCH_REPORTS_DB=path keeps the generated workspace there and reuses it on the next run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dispatch } from '../src/core/api/dispatch';
import { createHandlers } from '../src/core/api/handlers';
import { openStore } from '../src/core/db/open';
import type { Store } from '../src/core/db/store';
import { AS_OF, generateYear } from './bench-tracking-data';
import { median, timeRuns } from './bench-timing';

const root = resolve(import.meta.dirname, '..');
const RUNS = 5;

function caller(store: Store) {
  const handlers = createHandlers({ store, resourcesDir: join(root, 'resources'), now: () => AS_OF });
  return async (method: string, input: unknown) => {
    const result = await dispatch(handlers, method, input, { checkOutputs: false });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
}

/** Two ratings of the match per pair (one each side, month three), so satisfaction and badges have data. */
function addRatings(store: Store, cohortId: string): number {
  const pairs = store.sqlite
    .prepare('SELECT p.id, p.started_at, me.person_id AS mentee, mr.person_id AS mentor FROM pairs p JOIN cohort_members me ON me.id = p.mentee_id JOIN cohort_members mr ON mr.id = p.mentor_id WHERE p.cohort_id = ?')
    .all(cohortId) as { id: string; started_at: string; mentee: string; mentor: string }[];
  store.transact((w) => {
    pairs.forEach((p, i) => {
      const at = new Date(Date.parse(p.started_at) + (60 + (i % 200)) * 86_400_000).toISOString();
      for (const [side, person] of [['mentee', p.mentee], ['mentor', p.mentor]] as const) {
        const rating = 1 + ((i * 7 + (side === 'mentee' ? 3 : 1)) % 5);
        w.insert('pair_ratings', { pair_id: p.id, cohort_id: cohortId, person_id: person, side, match_rating: rating, session_rating: rating, would_recommend: rating >= 4 ? 1 : 0, comment: '', rated_at: at });
      }
    });
  });
  return pairs.length * 2;
}

async function timed(fn: () => Promise<unknown>): Promise<{ ms: number; note: string }> {
  const t = await timeRuns(fn, RUNS);
  return { ms: t.ms, note: `median of ${RUNS} after one warm-up; cpu ${t.cpuMs.toFixed(0)} ms; min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)} ms; first call ${t.first.toFixed(0)} ms` };
}

/** One report made in a fresh process, as `pairwise report` makes it: wall time of the call and the process's peak memory. */
function inChild(dbPath: string, cohortId: string, format: 'pdf' | 'xlsx'): { ms: number; maxRssMB: number; bytes: number } {
  const run = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), import.meta.filename, '--child', dbPath, cohortId, format], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMB: number; bytes: number };
}

async function child(dbPath: string, cohortId: string, format: 'pdf' | 'xlsx'): Promise<void> {
  const store = await openStore(dbPath);
  const call = caller(store);
  const t0 = performance.now();
  const file = (await call('reports.export', { filter: { cohortId }, options: { format, keepSnapshot: false, includeNames: true, leaderboard: true } })) as { dataBase64: string };
  const ms = performance.now() - t0;
  store.close();
  console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, bytes: Buffer.from(file.dataBase64, 'base64').length }));
}

async function main(): Promise<void> {
  const kept = process.env.BENCH_REPORTS_DB;
  const dir = kept ? undefined : mkdtempSync(join(tmpdir(), 'pairwise-bench-reports-'));
  const dbPath = kept ?? join(dir!, 'workspace.sqlite');
  try {
    const reuse = kept !== undefined && existsSync(kept);
    const store = await openStore(dbPath);
    let cohortId: string;
    if (reuse) {
      cohortId = store.first(store.q.selectFrom('cohorts').select('id').where('name', '=', 'Year'))!.id;
      console.log(`setup: reusing ${kept}`);
    } else {
      const t0 = performance.now();
      const generated = generateYear(store);
      cohortId = generated.cohortId;
      const ratings = addRatings(store, cohortId);
      console.log(`setup: ${Object.entries(generated.counts).map(([k, v]) => `${v.toLocaleString('en-GB')} ${k}`).join(', ')}, ${ratings.toLocaleString('en-GB')} ratings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const call = caller(store);
    const rows: { name: string; target: string; value: string; ok: boolean; note: string }[] = [];
    const dash = await timed(() => call('reports.dashboard', { cohortId }));
    rows.push({ name: 'dashboard, whole cohort (5,000 pairs)', target: '< 150 ms', value: `${dash.ms.toFixed(0)} ms`, ok: dash.ms < 150, note: dash.note });
    const quarter = await timed(() => call('reports.dashboard', { cohortId, from: '2026-07-01', to: '2026-09-30' }));
    rows.push({ name: 'dashboard, one quarter', target: '< 150 ms', value: `${quarter.ms.toFixed(0)} ms`, ok: quarter.ms < 150, note: quarter.note });
    store.close();
    for (const format of ['pdf', 'xlsx'] as const) {
      const runs = [inChild(dbPath, cohortId, format), inChild(dbPath, cohortId, format), inChild(dbPath, cohortId, format)];
      const ms = median(runs.map((r) => r.ms));
      const rss = Math.max(...runs.map((r) => r.maxRssMB));
      const ok = ms < 3000 && (format === 'xlsx' || rss < 400);
      rows.push({ name: `${format.toUpperCase()} report, fresh process`, target: format === 'pdf' ? '< 3 s, < 400 MB' : '< 3 s', value: `${(ms / 1000).toFixed(2)} s, ${rss.toFixed(0)} MB`, ok, note: `median of 3 (${runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s); ${(runs[0]!.bytes / 1024).toFixed(0)} KB; peak RSS of the whole process` });
    }
    const w = Math.max(...rows.map((r) => r.name.length));
    console.log(`\nmachine: ${availableParallelism()} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    console.log(`${'measurement'.padEnd(w)}  ${'target'.padEnd(16)}  ${'result'.padEnd(14)}  ok   note`);
    for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.target.padEnd(16)}  ${r.value.padEnd(14)}  ${r.ok ? 'yes' : 'NO '}  ${r.note}`);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!, process.argv[5] as 'pdf' | 'xlsx');
else await main();
