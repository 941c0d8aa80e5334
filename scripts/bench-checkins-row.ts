// The "20,000-row check-in import" row of npm run bench:tracking (target < 1.5 s): a check-in export of
// 20,000 answers from the people of the workspace's active pairs, read, matched to pairs, checked and
// written through the one write path in one transaction (checkins.import, skipInvalid off).
import { join, resolve } from 'node:path';
import { dispatch } from '../src/core/api/dispatch';
import { createHandlers } from '../src/core/api/handlers';
import type { Store } from '../src/core/db/store';

const ROWS = 20_000;
const RUNS = 3;

/**
 * The CSV: each pair's mentee and mentor in turn, each answer with its own timestamp (`batch` in its seconds,
 * so that each run's answers are new ones, not answers imported before), a meeting date on `asOf`'s day.
 */
export function checkinCsv(store: Store, cohortId: string, asOf: Date, batch = 0): string {
  const people = store.all(
    store.q
      .selectFrom('pairs as p')
      .innerJoin('cohort_members as me', 'me.id', 'p.mentee_id')
      .innerJoin('people as pe', 'pe.id', 'me.person_id')
      .innerJoin('cohort_members as mr', 'mr.id', 'p.mentor_id')
      .innerJoin('people as pr', 'pr.id', 'mr.person_id')
      .select(['pe.email as mentee', 'pr.email as mentor', 'p.started_at'])
      .where('p.cohort_id', '=', cohortId)
      .where('p.status', '=', 'active')
      .where('p.deleted_at', 'is', null),
  );
  const day = asOf.toISOString().slice(0, 10);
  const lines = ['Timestamp,Email address,Did you meet this month?,How many times did you meet?,Date of last meeting,Progress on goals,Comments'];
  for (let i = 0; i < ROWS; i += 1) {
    const pair = people[Math.floor(i / 2) % people.length]!;
    const round = Math.floor(i / (2 * people.length));
    const email = i % 2 === 0 ? pair.mentee : pair.mentor;
    lines.push(`${day} ${String(8 + round).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String(batch).padStart(2, '0')},${email},Yes,${1 + (i % 3)},${day},"On track with goal ${i % 7}","Row ${i}: we talked about goals, next steps"`);
  }
  return `${lines.join('\n')}\n`;
}

export const checkinImportRow = {
  name: '20,000-row check-in import (checkins.import)',
  targetMs: 1500,
  measure: async ({ store, cohortId }: { store: Store; cohortId: string }, asOf: Date): Promise<{ ms: number; note: string }> => {
    const handlers = createHandlers({ store, resourcesDir: join(resolve(import.meta.dirname, '..'), 'resources'), now: () => asOf });
    const files = Array.from({ length: RUNS }, (_, batch) => checkinCsv(store, cohortId, asOf, batch));
    const csv = files[0]!;
    const times: number[] = [];
    const cpu: number[] = [];
    let imported = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const input = { cohortId, fileName: `check-in-${i}.csv`, dataBase64: Buffer.from(files[i]!).toString('base64'), skipInvalid: false };
      const result = await dispatch(handlers, 'checkins.import', input, { checkOutputs: false });
      const c1 = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      // SQLite runs in this process: its time is in this figure, which the machine's other load does not inflate as much as wall time.
      cpu.push((c1.user + c1.system) / 1000);
      if (!result.ok) throw new Error(result.error.message.slice(0, 500));
      imported = (result.value as { imported: number }).imported;
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      ms: sorted[Math.floor(RUNS / 2)]!,
      note: `${imported.toLocaleString('en')} answers, ${(csv.length / 1e6).toFixed(1)} MB; cpu ${[...cpu].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!.toFixed(0)} ms; median of ${RUNS} imports (min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)} ms), each adding its rows`,
    };
  },
};
