// npm run bench:feedback — a 5,000-person cohort (generated registration export) answers an anonymous survey
// (rating, NPS, choice, free text; kept by role and department). Measures the import of the answers file
// (read, membership, duplicates, generalisation, masking, shuffle, one-stamp write; target < 3 s), a re-import
// that replaces the whole set (target < 5 s), the results with suppression (target < 500 ms) and the Excel
// export (target < 2 s). Prints a table.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/core/db/open';
import { exportResults } from '../src/core/feedback/export';
import { importResponses } from '../src/core/feedback/responses';
import { loadSurveyResults } from '../src/core/feedback/results';
import { closeSurvey, defineSurvey } from '../src/core/feedback/surveys';
import { runImport } from '../src/core/import';
import { listMembers } from '../src/core/participants/members';
import { createCohort, createProgram } from '../src/core/programs/programs';
import { generateRegistrationCsv } from '../src/core/sample/generate';

const PEOPLE = { mentors: 1_500, mentees: 3_500 };
const NOW = new Date('2027-03-20T12:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'pairwise-bench-feedback-'));
const rows: { name: string; targetMs: number; ms: number; note: string }[] = [];
const time = async <T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> => {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
};

try {
  const store = await openStore(join(dir, 'workspace.sqlite'));
  const program = createProgram(store, { name: 'Bench' });
  const cohort = createCohort(store, { programId: program.id, name: 'Spring', startDate: '2027-01-01' });
  await runImport(store, { cohortId: cohort.id, fileName: 'c.csv', bytes: new TextEncoder().encode(generateRegistrationCsv({ ...PEOPLE, seed: 3 })), skipInvalid: false });
  const members = listMembers(store, cohort.id);
  const survey = defineSurvey(store, {
    cohortId: cohort.id,
    title: 'Mid-point',
    anonymous: true,
    roles: ['mentor', 'mentee'],
    groupBy: ['role', 'department'],
    minGroupSize: 5,
    questions: [
      { id: 'overall', type: 'rating', text: 'How satisfied are you?', options: [], scaleMin: 1, scaleMax: 7 },
      { id: 'nps', type: 'nps', text: 'How likely are you to recommend it?', options: [], scaleMin: 1, scaleMax: 7 },
      { id: 'format', type: 'choice', text: 'Which format worked best?', options: ['Video', 'In person', 'Phone'], scaleMin: 1, scaleMax: 7 },
      { id: 'change', type: 'text', text: 'What should we change?', options: [], scaleMin: 1, scaleMax: 7 },
    ],
  });
  const answered = members.filter((_, i) => i % 5 !== 0);
  const csv = (tag: string) =>
    new TextEncoder().encode(
      [
        'Timestamp,Email,How satisfied are you?,How likely are you to recommend it?,Which format worked best?,What should we change?',
        ...answered.map((m, i) => `2027-03-10 09:00,${m.email},${1 + (i % 5)},${i % 11},${['Video', 'In person', 'Phone'][i % 3]},"${tag}: more time with ${members[(i * 7) % members.length]!.fullName}, please"`),
      ].join('\n'),
    );
  const first = await time(() => importResponses(store, { fileName: 'a.csv', bytes: csv('first'), surveyId: survey.id, skipInvalid: false }, NOW));
  rows.push({ name: `import ${first.value.imported.toLocaleString('en-US')} answers`, targetMs: 3_000, ms: first.ms, note: 'read, check, generalise, mask, shuffle, write' });
  const again = await time(() => importResponses(store, { fileName: 'b.csv', bytes: csv('second'), surveyId: survey.id, skipInvalid: false }, NOW));
  rows.push({ name: `re-import (replaces ${again.value.replaced.toLocaleString('en-US')})`, targetMs: 5_000, ms: again.ms, note: 'old set blanked, secure_delete, checkpoint' });
  closeSurvey(store, survey.id, NOW);
  const results = await time(() => loadSurveyResults(store, survey.id));
  rows.push({ name: 'results (k 5, 2 breakdowns)', targetMs: 500, ms: results.ms, note: `${results.value.questions[3]!.comments.length.toLocaleString('en-US')} comments masked` });
  const xlsx = await time(() => exportResults(results.value, 'xlsx'));
  rows.push({ name: 'Excel export of the results', targetMs: 2_000, ms: xlsx.ms, note: `${Math.round((xlsx.value.dataBase64.length * 3) / 4 / 1024)} KB` });
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`bench:feedback — ${PEOPLE.mentors + PEOPLE.mentees} people, ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
console.table(rows.map((r) => ({ measurement: r.name, 'ms': Math.round(r.ms), 'target ms': r.targetMs, met: r.ms <= r.targetMs ? 'yes' : 'NO', note: r.note })));
