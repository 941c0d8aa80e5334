import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/core/api/dispatch';
import { createHandlers } from '../../../src/core/api/handlers';
import { importResponses } from '../../../src/core/feedback/responses';
import { loadSurveyResults } from '../../../src/core/feedback/results';
import { closeSurvey } from '../../../src/core/feedback/surveys';
import { answersCsv, anonymousSurvey, everyoneAnswers } from '../feedback/fixture';
import { tempDir } from '../temp';
import { resourcesDir } from './fixture';

const NOW = new Date('2027-03-20T12:00:00Z');

describe('survey results in the progress report', () => {
  it('prints the groups the feedback rules show and leaves out a group they hide, with its figures', async () => {
    // 16 people: Engineering 8, Sales 6, Legal 2; k = 5, so Legal's answers are not shown.
    const { store, survey, cohort } = await anonymousSurvey({ k: 5 });
    await importResponses(store, { fileName: 'answers.csv', bytes: answersCsv(everyoneAnswers()), surveyId: survey.id, skipInvalid: false }, NOW);
    closeSurvey(store, survey.id, NOW);
    const results = loadSurveyResults(store, survey.id);
    const groups = results.questions.flatMap((q) => q.byGroup.flatMap((b) => b.groups));
    expect(groups.some((g) => g.label === 'Legal' && g.hidden)).toBe(true);
    const shown = groups.filter((g) => !g.hidden);
    expect(shown.length).toBeGreaterThan(0);

    const handlers = createHandlers({ store, resourcesDir, now: () => NOW });
    const made = await dispatch(handlers, 'reports.export', { filter: { cohortId: cohort.id }, options: { format: 'pdf' } });
    if (!made.ok) throw new Error(made.error.message);
    const path = join(tempDir(), 'report.pdf');
    writeFileSync(path, Buffer.from((made.value as { dataBase64: string }).dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Mid-point survey');
    expect(text).toContain('16 of 16 invited answered (100%)');
    // A group the rules hide has no row of its own (the feedback work may show it merged with another).
    for (const g of groups.filter((x) => x.hidden)) expect(text).not.toContain(`department: ${g.label} `);
    expect(text).not.toMatch(/department: Legal \d/);
    for (const g of shown) expect(text).toContain(`department: ${g.label} ${g.count} `);
    expect(text).toMatch(/\d+ group figures? (is|are) not shown, to keep answers anonymous/);
    // The question's overall average is the feedback work's, as it gives it.
    const overall = results.questions.find((q) => q.id === 'overall')!;
    expect(text).toContain(`How satisfied are you with the program? 16 ${overall.mean!.toFixed(2)}`);
  }, 60_000);
});
