import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportRejectedError } from '../../src/core/import/commit';
import { ImportStoppedError, workerImportRunner } from '../../src/core/import/runner';
import { runImportTask } from '../../src/core/import/tasks';
import { createProgram, listPrograms } from '../../src/core/programs/programs';
import { generateRegistrationCsv } from '../../src/core/sample/generate';
import { tempStore } from './temp';

// The worker files are TypeScript: the threads load them through tsx, as `npm run web` does.
const TSX = ['--import', 'tsx'];
const IMPORT_WORKER = join(__dirname, '../../src/core/import/worker.ts');
const STALLING_WORKER = join(__dirname, 'fixtures/stalling-import-worker.mjs');
const base64 = (text: string) => Buffer.from(text).toString('base64');
const count = (store: Awaited<ReturnType<typeof tempStore>>, table: string) =>
  (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('import worker', () => {
  it('imports on its own connection with progress through reading, checking and writing; a rejected file keeps its row problems', async () => {
    const store = await tempStore();
    const runner = workerImportRunner({ workerFile: IMPORT_WORKER, dbPath: store.path, execArgv: TSX });
    const phases: string[] = [];
    const csv = generateRegistrationCsv({ mentors: 300, mentees: 700, seed: 3 });
    const result = await runner.run({ program: 'P', cohort: 'C', fileName: 'people.csv', dataBase64: base64(csv), skipInvalid: false }, (p) => {
      if (phases.at(-1) !== p.phase) phases.push(p.phase);
    });
    expect(result).toMatchObject({ added: 1000, program: { name: 'P' }, cohort: { name: 'C' } });
    expect(phases).toEqual(['reading', 'checking', 'writing']);
    expect(count(store, 'people')).toBe(1000);

    const rejected = runner.run({ program: 'P', cohort: 'D', fileName: 'bad.csv', dataBase64: base64('Full name,Email,Role\nAna,ana@x,mentor\n'), skipInvalid: false }, () => {});
    await expect(rejected).rejects.toBeInstanceOf(ImportRejectedError);
    await expect(rejected).rejects.toMatchObject({ problems: [{ line: 2, column: 'Email', value: 'ana@x' }] });
    expect(listPrograms(store).map((p) => p.name)).toEqual(['P']);
  });

  it('a worker past its time limit is ended with a clear error; its open transaction rolls back and the file stays writable', async () => {
    const store = await tempStore();
    const changesBefore = count(store, 'changes');
    const runner = workerImportRunner({ workerFile: STALLING_WORKER, dbPath: store.path, timeoutMs: 1500, graceMs: 0 });
    let sawWriting = false;
    const started = performance.now();
    const outcome = runner.run({ program: 'P', cohort: 'C', fileName: 'slow.csv', dataBase64: base64('x'), skipInvalid: false }, (p) => {
      sawWriting ||= p.phase === 'writing';
    });
    await expect(outcome).rejects.toBeInstanceOf(ImportStoppedError);
    await expect(outcome).rejects.toThrow('Importing “slow.csv” took longer than 1.5 s, the limit for one file, so it was stopped. Nothing was imported.');
    expect(sawWriting).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
    // Nothing of the half-done transaction is in the file, and the write lock was released with the thread.
    expect(count(store, 'programs')).toBe(0);
    expect(count(store, 'changes')).toBe(changesBefore);
    const writeStarted = performance.now();
    createProgram(store, { name: 'After' });
    expect(performance.now() - writeStarted).toBeLessThan(1000);
  });

  it('past the deadline while writing, the worker rolls back by itself: not even the named program and cohort stay', async () => {
    const store = await tempStore();
    const csv = generateRegistrationCsv({ mentors: 100, mentees: 200, seed: 5 });
    const outcome = runImportTask(
      store,
      { program: 'P', cohort: 'C', fileName: 'people.csv', dataBase64: base64(csv), skipInvalid: false },
      { deadline: Date.now() - 1, timeLimitError: () => new ImportStoppedError('too slow') },
    );
    await expect(outcome).rejects.toThrow('too slow');
    expect([count(store, 'programs'), count(store, 'cohorts'), count(store, 'people'), count(store, 'changes')]).toEqual([0, 0, 0, 0]);
  });

  it('a file that needs more memory than the limit is stopped with a clear error, and nothing is written', async () => {
    const store = await tempStore();
    const runner = workerImportRunner({ workerFile: IMPORT_WORKER, dbPath: store.path, execArgv: TSX, maxMemoryMb: 48 });
    // The same limit is plenty for an ordinary file: the limit, not the worker, is what stops the large one.
    const small = generateRegistrationCsv({ mentors: 20, mentees: 40, seed: 7 });
    await expect(runner.run({ program: 'Q', cohort: 'C', fileName: 'small.csv', dataBase64: base64(small), skipInvalid: false }, () => {})).resolves.toMatchObject({ added: 60 });
    const csv = generateRegistrationCsv({ mentors: 6000, mentees: 14000, seed: 7 });
    const outcome = runner.run({ program: 'P', cohort: 'C', fileName: 'huge.csv', dataBase64: base64(csv), skipInvalid: false }, () => {});
    await expect(outcome).rejects.toThrow('Importing “huge.csv” needed more than 48 MB of memory, the limit for one file, so it was stopped. Nothing was imported.');
    expect(listPrograms(store).map((p) => p.name)).toEqual(['Q']);
  });
});
