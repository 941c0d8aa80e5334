// npm run bench:import — times 10,000-row registration imports into a fresh SQLite file, with the change
// log written, and prints a table with each file's target: the sample export as CSV and as XLSX (< 1 s
// each), and a CSV whose every mapped cell is exactly at its length limit (< 2 s: the checks are linear).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { openStore } from '../src/core/db/open';
import { commitImport, detectMapping, prepareImport } from '../src/core/import';
import { tuneImportConnection } from '../src/core/import/connection';
import { CELL_LIMITS, IMPORT_LIMITS } from '../src/core/import/limits';
import { ensureProgramAndCohort } from '../src/core/programs/programs';
import { generateRegistrationCsv, SAMPLE_HEADERS } from '../src/core/sample/generate';
import { median } from './bench-timing';

const ROWS = 10_000;
const RUNS = 3;

async function xlsxOf(csv: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Form responses 1');
  for (const row of Papa.parse<string[]>(csv, { skipEmptyLines: true }).data) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** `text` repeated and cut to exactly `length` characters. */
const fill = (text: string, length: number) => text.repeat(Math.ceil(length / text.length)).slice(0, length);

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'weekdays', 'Tue-Thu'];

/** Whole windows ("Wed 07:00-09:30; ") as many as fit, different for each row, padded to exactly `length`. */
function availability(row: number, length: number): string {
  let text = '';
  for (let k = 0; ; k++) {
    const hour = (row + k * 5) % 22;
    const window = `${DAYS[(row + k) % DAYS.length]} ${String(hour).padStart(2, '0')}:00-${String(hour + 2).padStart(2, '0')}:30; `;
    if (text.length + window.length > length) return text.padEnd(length, ' ');
    text += window;
  }
}

const LANGUAGES = ['English', 'Spanish', 'German', 'French', 'Italian', 'Dutch', 'Polish', 'Portuguese', 'Swedish', 'Czech', 'Greek'];
/** The items from the `by`-th on, then the ones before it: a different order for each row. */
const rotate = (items: readonly string[], by: number) => [...items.slice(by % items.length), ...items.slice(0, by % items.length)];

/**
 * The sample export's columns with every mapped cell exactly at its limit and still valid, so that all
 * 10,000 rows are checked in full and written: 200-character names, 320-character emails, 1,000
 * characters of availability (a different week of whole windows in each row), 2,000 of goals… (about 57 MB, under the 60 MB file limit).
 * `distinct`: every list, department and team cell is unlike any other row's (each carries the row's number), so
 * that no cell's work is saved by a cell seen before (the import remembers the checks and texts of repeated
 * cells, which real forms' option lists have).
 */
function atLimitCsv(distinct: boolean): string {
  const mapping = detectMapping(SAMPLE_HEADERS);
  const limit = (header: string) => CELL_LIMITS[mapping.find((m) => m.column === header)!.field!];
  const cities = 'Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna, Paris, Madrid, Brussels, Copenhagen, Oslo, Prague';
  const cells = (i: number): Record<string, string> => {
    const mentor = i % 10 < 3;
    const tag = String(i).padStart(5, '0');
    return {
      Timestamp: '2026-10-01 09:00',
      'Full name': `Ana Adeyemi ${tag} ${fill('Longname', limit('Full name') - 18)}`,
      'Email Address': `p${tag}.${fill('a', limit('Email Address') - 19)}@example.org`,
      'I want to be a…': `${mentor ? 'Mentor' : 'Mentee'}, ${fill('happy to help ', limit('I want to be a…') - 8)}`,
      'Time zone': `(UTC+01:00) ${cities}`.padEnd(limit('Time zone'), ' ').slice(0, limit('Time zone')),
      'Max mentees': `${'0'.repeat(limit('Max mentees') - 1)}${mentor ? 2 : 0}`,
      'Years of experience': `${'0'.repeat(limit('Years of experience') - 2)}12`,
      Department: fill(distinct ? `Engineering and Operations ${tag} ` : 'Engineering and Operations ', limit('Department')),
      Team: fill(distinct ? `Platform Reliability ${tag} ` : 'Platform Reliability ', limit('Team')),
      Languages: fill(distinct ? `${rotate(LANGUAGES, i).join('; ')} ${tag}; ` : 'English; Spanish; German; ', limit('Languages')),
      'Interests (choose all that apply)': Array.from({ length: 60 }, (_, k) => `topic ${distinct ? `${tag}.${k}` : k}`).join(', ').slice(0, limit('Interests (choose all that apply)')),
      Expertise: Array.from({ length: 60 }, (_, k) => `skill ${distinct ? `${tag}.${k}` : k}`).join('; ').slice(0, limit('Expertise')),
      Goals: fill(`Goal ${tag}: I want to grow into a lead role, and "speak up" more. `, limit('Goals')),
      Availability: availability(i, limit('Availability')),
    };
  };
  const quote = (text: string) => (/[",\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = [SAMPLE_HEADERS.map(quote).join(',')];
  for (let i = 0; i < ROWS; i++) {
    const row = cells(i);
    lines.push(SAMPLE_HEADERS.map((h) => quote(row[h]!)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function measure(fileName: string, bytes: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-bench-'));
  const store = await openStore(join(dir, 'bench.sqlite'));
  // Set up as the import worker's connection is (src/core/import/connection.ts): the WAL is copied back into the
  // file after the worker has answered, not inside COMMIT. That checkpoint is timed below, in a column of its own.
  tuneImportConnection(store);
  try {
    const cohort = ensureProgramAndCohort(store, 'Bench', 'Cohort');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const validated = await prepareImport({ fileName, bytes });
    const t1 = performance.now();
    const summary = commitImport(store, cohort.id, validated, { skipInvalid: false });
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    store.sqlite.pragma('wal_checkpoint(PASSIVE)');
    const checkpoint = performance.now() - t2;
    const changes = (store.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
    if (summary.added !== ROWS) throw new Error(`${fileName}: expected ${ROWS} added, got ${summary.added}`);
    return { read: t1 - t0, write: t2 - t1, total: t2 - t0, cpu: (cpu.user + cpu.system) / 1000, changes, checkpoint };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}


const csv = generateRegistrationCsv({ mentors: 3000, mentees: ROWS - 3000, seed: 11 });
const atLimit = new TextEncoder().encode(atLimitCsv(false));
const atLimitDistinct = new TextEncoder().encode(atLimitCsv(true));
for (const file of [atLimit, atLimitDistinct]) if (file.length > IMPORT_LIMITS.fileBytes) throw new Error(`the at-limit file is ${file.length} bytes, over the file limit`);
const files: [label: string, name: string, bytes: Uint8Array, targetMs: number][] = [
  ['sample export, CSV', 'people.csv', new TextEncoder().encode(csv), 1000],
  ['sample export, XLSX', 'people.xlsx', await xlsxOf(csv), 1000],
  ['every cell at its length limit, CSV', 'limits.csv', atLimit, 2000],
  ['the same, no list or department repeated, CSV', 'limits-distinct.csv', atLimitDistinct, 2000],
];

const rows: Record<string, string | number>[] = [];
for (const [label, name, bytes, targetMs] of files) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(name, bytes));
  const total = median(runs.map((r) => r.total));
  rows.push({
    file: `${label} (${(bytes.length / 1024 / 1024).toFixed(1)} MB)`,
    rows: ROWS,
    'read+validate ms': Math.round(median(runs.map((r) => r.read))),
    'write ms': Math.round(median(runs.map((r) => r.write))),
    'total ms (median of 3)': Math.round(total),
    // CPU time of this process (all threads): on a machine shared with other work, wall time waits for the CPU too.
    'cpu ms': Math.round(median(runs.map((r) => r.cpu))),
    // After the answer, on the worker's thread: not part of the time the coordinator waits, shown so it is not hidden.
    'checkpoint after ms': Math.round(median(runs.map((r) => r.checkpoint))),
    'change rows': runs[0]!.changes,
    target: `< ${targetMs} ms`,
    result: total < targetMs ? 'met' : 'MISSED',
  });
}
console.table(rows);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores (other work on the machine slows the wall times; cpu ms counts this process only)`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB · Node ${process.version} · ${process.platform}/${process.arch}`);
