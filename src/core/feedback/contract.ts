import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { FormFileInput, FormPreview } from '../forms/contract';
import { GROUP_ATTRIBUTES } from './generalise';
import { SurveyQuestion, SurveyQuestions } from './questions';
import { DEFAULT_K, MIN_K } from './suppression';

export const Role = z.enum(['mentor', 'mentee']);
export const GroupAttribute = z.enum(GROUP_ATTRIBUTES);

const K = z.number().int('The minimum group size is a whole number').min(MIN_K, `The minimum group size is at least ${MIN_K}`).max(1000);

export const Survey = z.object({
  id: z.string(),
  cohortId: z.string(),
  cohortName: z.string(),
  title: z.string(),
  anonymous: z.boolean(),
  roles: z.array(Role),
  groupBy: z.array(GroupAttribute),
  minGroupSize: z.number().int(),
  questions: z.array(SurveyQuestion),
  closedAt: z.string().nullable(),
  importedAt: z.string().nullable(),
  /** Cohort members in the survey's roles. */
  invited: z.number().int(),
  /** Responses held; null while fewer than k (the count itself is a figure about few people). */
  responses: z.number().int().nullable(),
  hasResponses: z.boolean(),
});
export type Survey = z.infer<typeof Survey>;

const SurveyFields = z.object({
  title: z.string().trim().min(1, 'A survey needs a title').max(200),
  anonymous: z.boolean(),
  roles: z.array(Role).min(1, 'Choose at least one role'),
  groupBy: z.array(GroupAttribute).max(3),
  minGroupSize: K.default(DEFAULT_K),
  questions: SurveyQuestions,
});

const HiddenReason = z.enum(['small', 'complement']).nullable();

/** One group of a breakdown: a figure, or hidden with why. */
export const GroupFigure = z.object({
  label: z.string(),
  invited: z.number().int().nullable(),
  /** null when hidden. */
  count: z.number().int().nullable(),
  rate: z.number().nullable(),
  mean: z.number().nullable(),
  nps: z.number().nullable(),
  hidden: z.boolean(),
  reason: HiddenReason,
});
export type GroupFigure = z.infer<typeof GroupFigure>;

export const Breakdown = z.object({ attribute: GroupAttribute, groups: z.array(GroupFigure) });
export type Breakdown = z.infer<typeof Breakdown>;

export const QuestionResult = z.object({
  id: z.string(),
  type: z.enum(['rating', 'scale', 'nps', 'choice', 'text']),
  text: z.string(),
  /** Answers to this question; null when fewer than k. */
  answered: z.number().int().nullable(),
  distribution: z.array(z.object({ label: z.string(), count: z.number().int() })).nullable(),
  mean: z.number().nullable(),
  nps: z.object({ score: z.number(), promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int() }).nullable(),
  /** Free text, names masked, in random order, no dates; empty when hidden. */
  comments: z.array(z.string()),
  byGroup: z.array(Breakdown),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

export const SurveyResults = z.object({
  survey: Survey,
  k: z.number().int(),
  /** False while the survey is open or fewer than k answered: then nothing below holds figures. */
  shown: z.boolean(),
  /** Why nothing is shown, in words. */
  notice: z.string().nullable(),
  respondents: z.number().int().nullable(),
  invited: z.number().int(),
  rate: z.number().nullable(),
  responseRates: z.array(Breakdown),
  questions: z.array(QuestionResult),
});
export type SurveyResults = z.infer<typeof SurveyResults>;

const SurveyFile = FormFileInput.extend({ surveyId: Id, skipInvalid: z.boolean().default(false) });
const RatingsFile = FormFileInput.extend({ cohortId: Id, skipInvalid: z.boolean().default(false) });

export const ImportNotice = z.object({
  imported: z.number().int(),
  /** Responses of the earlier import the new one replaced. */
  replaced: z.number().int(),
  problems: FormPreview.shape.problems,
});

export const PairRating = z.object({
  id: z.string(),
  pairId: z.string(),
  side: Role,
  raterName: z.string(),
  mentorName: z.string(),
  menteeName: z.string(),
  matchRating: z.number().int(),
  sessionRating: z.number().int().nullable(),
  wouldRecommend: z.boolean().nullable(),
  comment: z.string(),
  ratedAt: z.string(),
});
export type PairRating = z.infer<typeof PairRating>;

export const MentorRating = z.object({
  mentorId: z.string(),
  mentorName: z.string(),
  pairs: z.number().int(),
  ratings: z.number().int(),
  averageMatch: z.number().nullable(),
  /** The most recent mentee rating of one of the mentor's matches. */
  latestMatch: z.number().int().nullable(),
  averageSession: z.number().nullable(),
  recommendShare: z.number().nullable(),
});
export type MentorRating = z.infer<typeof MentorRating>;

export const PairFeedbackSummary = z.object({
  threshold: z.number().int(),
  ratings: z.number().int(),
  averageMatch: z.number().nullable(),
  averageSession: z.number().nullable(),
  recommendShare: z.number().nullable(),
  distribution: z.array(z.object({ label: z.string(), count: z.number().int() })),
  byMentor: z.array(MentorRating),
  /** Latest ratings below the threshold, lowest first: who to follow up with. */
  low: z.array(PairRating),
});

export const feedbackContract = defineContract({
  'feedback.surveys': { input: z.object({ cohortId: Id }), output: z.array(Survey) },
  'feedback.defineSurvey': { input: SurveyFields.extend({ cohortId: Id }), output: Survey },
  /** Before answers: anything. After: the title and k only (an anonymous survey never becomes attributed). */
  'feedback.updateSurvey': { input: SurveyFields.partial().extend({ surveyId: Id }), output: Survey },
  /** Closing is final: results are shown only once the answers can no longer change. */
  'feedback.closeSurvey': { input: z.object({ surveyId: Id }), output: Survey },
  'feedback.removeSurvey': { input: z.object({ surveyId: Id }), output: z.object({ removed: z.boolean() }) },
  'feedback.previewResponses': { input: SurveyFile, output: FormPreview.extend({ notes: z.array(z.string()) }) },
  /** Replaces the survey's responses as a whole; refused (nothing written) while any row has a problem. */
  'feedback.importResponses': { input: SurveyFile, output: ImportNotice },
  'feedback.results': { input: z.object({ surveyId: Id }), output: SurveyResults },
  'feedback.exportResults': {
    input: z.object({ surveyId: Id, format: z.enum(['csv', 'xlsx']) }),
    output: z.object({ fileName: z.string(), dataBase64: z.string() }),
  },
  'feedback.previewRatings': { input: RatingsFile, output: FormPreview },
  /** Adds pair ratings (a rating already imported, same person, pair and date, is updated); all or nothing. */
  'feedback.importRatings': { input: RatingsFile, output: ImportNotice },
  'feedback.pairRatings': { input: z.object({ cohortId: Id }), output: PairFeedbackSummary },
});
