import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import { decodeBase64, formPreview } from '../forms';
import type { feedbackContract } from './contract';
import { exportResults } from './export';
import { pairRatingsSummary } from './pair-ratings';
import { RATING_FIELDS } from './rating-fields';
import { importRatings, readRatings } from './ratings-import';
import { importResponses, readResponses } from './responses';
import { loadSurveyResults } from './results';
import { closeSurvey, defineSurvey, getSurvey, listSurveys, removeSurvey, updateSurvey } from './surveys';

const file = (input: { fileName: string; dataBase64: string; mapping?: { column: string; field: string | null }[]; mappingOverrides?: string }) => ({
  fileName: input.fileName,
  bytes: decodeBase64(input.dataBase64),
  mapping: input.mapping,
  mappingOverrides: input.mappingOverrides,
});

export function feedbackHandlers({ store, now }: CoreContext): SliceHandlers<typeof feedbackContract> {
  return {
    'feedback.surveys': (input) => listSurveys(store, input.cohortId),
    'feedback.defineSurvey': (input) => defineSurvey(store, input),
    'feedback.updateSurvey': (input) => updateSurvey(store, input),
    'feedback.closeSurvey': (input) => closeSurvey(store, input.surveyId, now()),
    'feedback.removeSurvey': (input) => removeSurvey(store, input.surveyId, now()),
    'feedback.previewResponses': async (input) => {
      const { read, fields, notes } = await readResponses(store, getSurvey(store, input.surveyId), file(input));
      return { ...formPreview(read, fields), notes };
    },
    'feedback.importResponses': (input) => importResponses(store, { ...file(input), surveyId: input.surveyId, skipInvalid: input.skipInvalid }, now()),
    'feedback.results': (input) => loadSurveyResults(store, input.surveyId),
    'feedback.exportResults': (input) => exportResults(loadSurveyResults(store, input.surveyId), input.format),
    'feedback.previewRatings': async (input) => formPreview((await readRatings(store, input.cohortId, file(input))).read, RATING_FIELDS),
    'feedback.importRatings': (input) => importRatings(store, { ...file(input), cohortId: input.cohortId, skipInvalid: input.skipInvalid }, now()),
    'feedback.pairRatings': (input) => pairRatingsSummary(store, input.cohortId),
  };
}
