// npm run bench:import — times a 10,000-row registration import (target: under 1 s) into a fresh
// SQLite file, CSV and XLSX, with the change log written, and prints a table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { openStore } from '../src/core/db/open';
import { commitImport, prepareImport } from '../src/core/import';
import { ensureProgramAndCohort } from '../src/core/programs/programs';
import { generateRegistrationCsv } from '../src/core/sample/generate';

const ROWS = 10_000;
const RUNS = 3;

async function xlsxOf(csv: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Form responses 1');
  for (const row of Papa.parse<string[]>(csv, { skipEmptyLines: true }).data) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function measure(fileName: string, bytes: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-bench-'));
  const store = await openStore(join(dir, 'bench.sqlite'));
  try {
    const cohort = ensureProgramAndCohort(store, 'Bench', 'Cohort');
    const t0 = performance.now();
    const validated = await prepareImport({ fileName, bytes });
    const t1 = performance.now();
    const summary = commitImport(store, cohort.id, validated, { skipInvalid: false });
    const t2 = performance.now();
    const changes = (store.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
    if (summary.added !== ROWS) throw new Error(`expected ${ROWS} added, got ${summary.added}`);
    return { read: t1 - t0, write: t2 - t1, total: t2 - t0, changes };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const csv = generateRegistrationCsv({ mentors: 3000, mentees: ROWS - 3000, seed: 11 });
const files: [string, Uint8Array][] = [
  ['people.csv', new TextEncoder().encode(csv)],
  ['people.xlsx', await xlsxOf(csv)],
];

const rows: Record<string, string | number>[] = [];
for (const [name, bytes] of files) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(name, bytes));
  const total = median(runs.map((r) => r.total));
  rows.push({
    file: `${name} (${(bytes.length / 1024 / 1024).toFixed(1)} MB)`,
    rows: ROWS,
    'read+validate ms': Math.round(median(runs.map((r) => r.read))),
    'write ms': Math.round(median(runs.map((r) => r.write))),
    'total ms (median of 3)': Math.round(total),
    'change rows': runs[0]!.changes,
    'target < 1000 ms': total < 1000 ? 'met' : 'MISSED',
  });
}
console.table(rows);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB · Node ${process.version} · ${process.platform}/${process.arch}`);
