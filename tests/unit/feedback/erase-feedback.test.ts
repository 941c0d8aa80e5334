import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importRatings } from '../../../src/core/feedback/ratings-import';
import { importResponses } from '../../../src/core/feedback/responses';
import { erasePerson } from '../../../src/core/people/erase';
import { publishedPair } from '../tracking-fixture';
import { bytes } from '../temp';
import { answersCsv, anonymousSurvey, emailOf, everyoneAnswers, PEOPLE } from './fixture';

const NOW = new Date('2027-03-20T12:00:00Z');

describe('erasing a person takes their feedback with them', () => {
  it('their pair’s ratings go (rows and change-log values), and the erase does not trip over them', async () => {
    const { store, cohort, mentee } = await publishedPair({ mentor: 'Europe/Madrid', mentee: 'Europe/Madrid' });
    const file = bytes('Timestamp,Email,Rate the match,Comments\n2027-03-01 10:00,ben@example.org,2,Unforgettable-remark\n2027-03-01 11:00,ana@example.org,4,\n');
    await importRatings(store, { fileName: 'r.csv', bytes: file, cohortId: cohort.id, skipInvalid: false }, NOW);
    const personId = store.first(store.q.selectFrom('cohort_members').select('person_id').where('id', '=', mentee.id))!.person_id;
    erasePerson(store, personId);
    expect(store.all(store.q.selectFrom('pair_ratings').select('id'))).toHaveLength(0);
    expect((store.sqlite.prepare("SELECT count(*) AS n FROM changes WHERE tbl = 'pair_ratings' AND value LIKE '%Unforgettable%'").get() as { n: number }).n).toBe(0);
    expect(readFileSync(store.path).includes(Buffer.from('Unforgettable-remark'))).toBe(false);
  });

  it('their answers to an attributed survey go; an anonymous survey has nothing of theirs to find', async () => {
    const { store, survey } = await anonymousSurvey({ anonymous: false });
    await importResponses(store, { fileName: 'a.csv', bytes: answersCsv(everyoneAnswers()), surveyId: survey.id, skipInvalid: false }, NOW);
    const person = store.first(store.q.selectFrom('people').select('id').where('email', '=', emailOf(PEOPLE[5][0], 5)))!;
    expect(store.all(store.q.selectFrom('survey_responses').select('id').where('person_id', '=', person.id))).toHaveLength(1);
    erasePerson(store, person.id);
    expect(store.all(store.q.selectFrom('survey_responses').select('id').where('deleted_at', 'is', null))).toHaveLength(15);
    expect(readFileSync(store.path).includes(Buffer.from('comment A5'))).toBe(false);
  });
});
