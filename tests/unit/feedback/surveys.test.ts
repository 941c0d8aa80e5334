import { describe, expect, it } from 'vitest';
import { importResponses } from '../../../src/core/feedback/responses';
import { closeSurvey, listSurveys, updateSurvey } from '../../../src/core/feedback/surveys';
import { answersCsv, anonymousSurvey, everyoneAnswers } from './fixture';

const NOW = new Date('2027-03-20T12:00:00Z');

describe('what a survey lets change', () => {
  it('anything before answers; after, only the title and k; once closed, k only upwards and no import', async () => {
    const { store, survey, cohort } = await anonymousSurvey();
    expect(updateSurvey(store, { surveyId: survey.id, anonymous: false }).anonymous).toBe(false);
    expect(updateSurvey(store, { surveyId: survey.id, anonymous: true, groupBy: ['department', 'role'] }).groupBy).toEqual(['department', 'role']);
    await importResponses(store, { fileName: 'a.csv', bytes: answersCsv(everyoneAnswers()), surveyId: survey.id, skipInvalid: false }, NOW);
    expect(() => updateSurvey(store, { surveyId: survey.id, groupBy: ['department'] })).toThrow('This survey has answers: its groupBy can no longer change (only its title and minimum group size)');
    expect(updateSurvey(store, { surveyId: survey.id, minGroupSize: 4 }).minGroupSize).toBe(4);
    expect(() => updateSurvey(store, { surveyId: survey.id, minGroupSize: 2 })).toThrow(/at least 3/);
    closeSurvey(store, survey.id, NOW);
    expect(() => closeSurvey(store, survey.id, NOW)).toThrow('This survey is already closed');
    expect(() => updateSurvey(store, { surveyId: survey.id, minGroupSize: 3 })).toThrow('This survey is closed: its minimum group size can be raised, not lowered');
    expect(updateSurvey(store, { surveyId: survey.id, minGroupSize: 6 }).minGroupSize).toBe(6);
    await expect(importResponses(store, { fileName: 'a.csv', bytes: answersCsv(everyoneAnswers()), surveyId: survey.id, skipInvalid: false }, NOW)).rejects.toThrow('This survey is closed');
    const [listed] = listSurveys(store, cohort.id);
    expect(listed).toMatchObject({ responses: 16, invited: 16, hasResponses: true, closedAt: NOW.toISOString() });
  });

  it('counts fewer than k answers as such, not as a number', async () => {
    const { store, survey, cohort } = await anonymousSurvey();
    await importResponses(store, { fileName: 'a.csv', bytes: answersCsv(everyoneAnswers().slice(0, 4)), surveyId: survey.id, skipInvalid: false }, NOW);
    expect(listSurveys(store, cohort.id)[0]).toMatchObject({ responses: null, hasResponses: true });
  });
});
