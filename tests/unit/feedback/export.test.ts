import { describe, expect, it } from 'vitest';
import { exportResults } from '../../../src/core/feedback/export';
import { importResponses } from '../../../src/core/feedback/responses';
import { loadSurveyResults } from '../../../src/core/feedback/results';
import { closeSurvey } from '../../../src/core/feedback/surveys';
import { answersCsv, anonymousSurvey, emailOf, everyoneAnswers, PEOPLE } from './fixture';

const NOW = new Date('2027-03-20T12:00:00Z');

describe('survey exports obey the screen’s rules', () => {
  it('are refused while the survey is open; once closed, hidden groups say hidden, comments are masked, and no name or email is in the file', async () => {
    const { store, survey } = await anonymousSurvey();
    await importResponses(store, { fileName: 'a.csv', bytes: answersCsv(everyoneAnswers()), surveyId: survey.id, skipInvalid: false }, NOW);
    await expect(exportResults(loadSurveyResults(store, survey.id), 'csv')).rejects.toThrow(/once the survey is closed/);
    closeSurvey(store, survey.id, NOW);
    const csv = await exportResults(loadSurveyResults(store, survey.id), 'csv');
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
    expect(csv.fileName).toBe('mid-point-survey-results.csv');
    expect(text).toMatch(/Groups,response rate,,department: Legal,2,,,,,hidden: fewer than k answers/);
    expect(text).toMatch(/Groups,response rate,,department: Sales,6,,,,,hidden: would reveal a smaller group/);
    expect(text).toContain('My mentor [name] was great (A3)');
    for (const [name] of PEOPLE) expect(text).not.toContain(name);
    PEOPLE.forEach(([name], i) => expect(text).not.toContain(emailOf(name, i)));

    const xlsx = await exportResults(loadSurveyResults(store, survey.id), 'xlsx');
    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    await book.xlsx.load(new Uint8Array(Buffer.from(xlsx.dataBase64, 'base64')).buffer);
    const cells = book.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])));
    expect(cells).toContain('hidden: would reveal a smaller group');
    expect(cells).toContain('My mentor [name] was great (A3)');
    for (const [name] of PEOPLE) expect(cells.join('\n')).not.toContain(name);
  });
});
