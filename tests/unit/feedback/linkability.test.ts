import BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importResponses } from '../../../src/core/feedback/responses';
import { closeSurvey, listSurveys, removeSurvey, updateSurvey } from '../../../src/core/feedback/surveys';
import { loadSurveyResults } from '../../../src/core/feedback/results';
import { applyFolded, foldChanges } from '../../../src/core/db/replay';
import { tempStore } from '../temp';
import { answersCsv, anonymousSurvey, everyoneAnswers, PEOPLE } from './fixture';

const NOW = new Date('2027-03-20T12:00:00Z');

/**
 * The promise of an anonymous survey, tested as an attacker would try it: with the database file and the
 * full participant list (names, emails, ids, departments, the order they are listed in), link a response
 * to a person. Every way must fail.
 */
describe('an anonymous survey cannot be linked back to its respondents', () => {
  it('by any column, the change log, the row order, the row times or the grouping values', async () => {
    const { store, survey, members } = await anonymousSurvey();
    const answers = everyoneAnswers();
    const result = await importResponses(store, { fileName: 'answers.csv', bytes: answersCsv(answers), surveyId: survey.id, skipInvalid: false }, NOW);
    expect(result.imported).toBe(16);
    const people = store.all(store.q.selectFrom('people').select(['id', 'email', 'full_name']));
    const db = new BetterSqlite3(store.path, { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM survey_responses').all() as Record<string, string | null>[];
      expect(rows).toHaveLength(16);
      const identities = [...people.flatMap((p) => [p.id, p.email, p.full_name]), ...members.map((m) => m.id)];
      // 1. No column holds a person id, member id, email or name (a name in a comment is masked), nor a line number or the respondent's timestamp.
      for (const row of rows) {
        expect(row.person_id).toBeNull();
        for (const value of Object.values(row)) {
          for (const identity of identities) expect(String(value)).not.toContain(identity);
          expect(String(value)).not.toMatch(/2027-03-\d\d 09:/);
          expect(String(value)).not.toMatch(/"line"/);
        }
      }
      expect(rows.some((r) => String(r.answers).includes('My mentor [name] was great'))).toBe(true);
      // 2. No insertion order: no rowid, one time for every row, one HLC for every change row of the batch.
      expect(() => db.prepare('SELECT rowid FROM survey_responses').all()).toThrow();
      expect(new Set(rows.map((r) => r.created_at)).size).toBe(1);
      expect(new Set(rows.map((r) => r.updated_at)).size).toBe(1);
      const changes = db.prepare("SELECT seq, hlc, row_id, col, value FROM changes WHERE tbl = 'survey_responses' ORDER BY seq").all() as { seq: number; hlc: string; row_id: string; col: string; value: string }[];
      expect(new Set(changes.map((c) => c.hlc)).size).toBe(1);
      for (const c of changes) for (const identity of identities) expect(c.value).not.toContain(identity);
      // 3. The change log's sequence (the one order left) is not the file's order, nor the participant list's.
      const fileLineOf = (answersJson: string) => answers.findIndex((a) => answersJson.includes(`"${a.comments.replace(PEOPLE[0][0], '[name]')}"`));
      const inSeqOrder = changes.filter((c) => c.col === 'answers').map((c) => fileLineOf(JSON.parse(c.value) as string));
      expect(inSeqOrder.sort((a, b) => a - b)).toEqual([...Array(16).keys()]);
      const unsorted = changes.filter((c) => c.col === 'answers').map((c) => fileLineOf(JSON.parse(c.value) as string));
      expect(unsorted).not.toEqual([...Array(16).keys()]);
      const byId = [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id))).map((r) => fileLineOf(String(r.answers)));
      expect(byId).not.toEqual([...Array(16).keys()]);
      // 4. The grouping values narrow no response below k people: Legal (2) was not kept, Sales joined it.
      for (const row of rows) {
        const candidates = PEOPLE.filter(([, department]) => row.department === null || row.department === department);
        expect(candidates.length).toBeGreaterThanOrEqual(5);
      }
      // 5. The import wrote nothing anywhere else but the survey's own row.
      const tables = db.prepare("SELECT DISTINCT tbl FROM changes WHERE hlc >= (SELECT min(hlc) FROM changes WHERE tbl = 'survey_responses')").all() as { tbl: string }[];
      expect(tables.map((t) => t.tbl).sort()).toEqual(['survey_responses', 'surveys']);
    } finally {
      db.close();
    }
  });

  it('a re-import replaces the whole set, and the replaced answers are gone from the file and the change log', async () => {
    const { store, survey } = await anonymousSurvey();
    await importResponses(store, { fileName: 'a.csv', bytes: answersCsv(everyoneAnswers('FIRST').slice(0, 12)), surveyId: survey.id, skipInvalid: false }, NOW);
    const again = await importResponses(store, { fileName: 'b.csv', bytes: answersCsv(everyoneAnswers('SECOND')), surveyId: survey.id, skipInvalid: false }, NOW);
    expect(again).toMatchObject({ imported: 16, replaced: 12 });
    const live = store.all(store.q.selectFrom('survey_responses').select('answers').where('deleted_at', 'is', null));
    expect(live).toHaveLength(16);
    expect(live.every((r) => r.answers.includes('SECOND'))).toBe(true);
    const changes = store.sqlite.prepare("SELECT value FROM changes WHERE tbl = 'survey_responses'").all() as { value: string }[];
    expect(changes.some((c) => c.value.includes('FIRST'))).toBe(false);
    expect(readFileSync(store.path).includes(Buffer.from('FIRST'))).toBe(false);
    // The change log still rebuilds the same rows: the live answers and the emptied tombstones.
    const replica = await tempStore('replica.sqlite');
    applyFolded(replica, foldChanges(store.sqlite.prepare('SELECT hlc, tbl, row_id, col, value FROM changes WHERE erased_at IS NULL').all() as Parameters<typeof foldChanges>[0]));
    for (const table of ['surveys', 'survey_responses']) {
      const dump = (db: typeof store) => db.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
      expect(dump(replica), table).toEqual(dump(store));
    }
  });

  it('a file with one bad row writes nothing and names the row; an anonymous survey with answers cannot become attributed', async () => {
    const { store, survey } = await anonymousSurvey();
    const rows = everyoneAnswers();
    rows[4] = { ...rows[4]!, overall: '7' };
    await expect(importResponses(store, { fileName: 'a.csv', bytes: answersCsv(rows), surveyId: survey.id, skipInvalid: false }, NOW)).rejects.toMatchObject({
      problems: [{ line: 6, column: 'How satisfied are you with the program?', value: '7', message: 'is outside 1–5' }],
    });
    expect(store.all(store.q.selectFrom('survey_responses').select('id'))).toHaveLength(0);
    rows[4] = { ...rows[4]!, overall: '3', email: 'stranger@example.org' };
    await expect(importResponses(store, { fileName: 'a.csv', bytes: answersCsv(rows), surveyId: survey.id, skipInvalid: false }, NOW)).rejects.toMatchObject({
      problems: [{ line: 6, column: 'Email Address', message: 'is not a mentor or mentee of Spring' }],
    });
    await importResponses(store, { fileName: 'a.csv', bytes: answersCsv(everyoneAnswers()), surveyId: survey.id, skipInvalid: false }, NOW);
    expect(() => updateSurvey(store, { surveyId: survey.id, anonymous: false })).toThrow(/cannot become attributed/);
    expect(updateSurvey(store, { surveyId: survey.id, title: 'Mid-point survey 2027' }).title).toBe('Mid-point survey 2027');
  });

  it('deleting a survey empties its answers too, in the rows, the change log and the file', async () => {
    const { store, survey, cohort } = await anonymousSurvey();
    await importResponses(store, { fileName: 'a.csv', bytes: answersCsv(everyoneAnswers('GONE')), surveyId: survey.id, skipInvalid: false }, NOW);
    expect(removeSurvey(store, survey.id, NOW)).toEqual({ removed: true });
    expect(listSurveys(store, cohort.id)).toEqual([]);
    expect(store.all(store.q.selectFrom('survey_responses').select('answers')).map((r) => r.answers)).toEqual(Array(16).fill('{}'));
    expect((store.sqlite.prepare("SELECT count(*) AS n FROM changes WHERE value LIKE '%GONE%'").get() as { n: number }).n).toBe(0);
    expect(readFileSync(store.path).includes(Buffer.from('GONE'))).toBe(false);
  });

  it('drops an earlier answer from someone who answered twice, keeping the later one', async () => {
    const { store, survey } = await anonymousSurvey();
    const rows = everyoneAnswers();
    rows.push({ ...rows[0]!, comments: 'changed my mind' });
    const result = await importResponses(store, { fileName: 'a.csv', bytes: answersCsv(rows), surveyId: survey.id, skipInvalid: false }, NOW);
    expect(result.imported).toBe(16);
    const answers = store.all(store.q.selectFrom('survey_responses').select('answers').where('deleted_at', 'is', null)).map((r) => r.answers);
    expect(answers.some((a) => a.includes('changed my mind'))).toBe(true);
    expect(answers.some((a) => a.includes('comment A0'))).toBe(false);
  });

  it('shows results only once closed, with the small department hidden and its complement too, and names masked', async () => {
    const { store, survey } = await anonymousSurvey();
    await importResponses(store, { fileName: 'a.csv', bytes: answersCsv(everyoneAnswers()), surveyId: survey.id, skipInvalid: false }, NOW);
    const open = loadSurveyResults(store, survey.id);
    expect(open.shown).toBe(false);
    expect(open.questions).toEqual([]);
    closeSurvey(store, survey.id, NOW);
    const results = loadSurveyResults(store, survey.id);
    expect(results.shown).toBe(true);
    expect(results.respondents).toBe(16);
    const departments = results.responseRates[0]!.groups.map((g) => [g.label, g.count, g.reason]);
    expect(departments).toEqual([
      ['Engineering', 8, null],
      ['Legal', null, 'small'],
      ['Sales', null, 'complement'],
      ['Kept together: Legal, Sales', 8, null],
    ]);
    const comments = results.questions.find((q) => q.id === 'comments')!.comments;
    expect(comments).toHaveLength(16);
    expect(comments).toContain('My mentor [name] was great (A3)');
    const nps = results.questions.find((q) => q.id === 'nps')!.nps!;
    expect(nps.promoters + nps.passives + nps.detractors).toBe(16);
  });
});
