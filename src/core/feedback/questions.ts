import { z } from 'zod';
import { cellFail, cellOk, type CellResult } from '../forms/fields';
import { foldWord } from './masking';

/**
 * A survey's questions and how an answer cell of each kind is read. Pure: the contract, the import and
 * the results use the same rules.
 */
export const QUESTION_TYPES = ['rating', 'scale', 'nps', 'choice', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const SurveyQuestion = z
  .object({
    /** Stable within the survey: answers are stored by it. */
    id: z.string().trim().min(1).max(40).regex(/^[a-z0-9-]+$/, 'A question id is lower-case letters, digits and dashes'),
    type: z.enum(QUESTION_TYPES),
    text: z.string().trim().min(1, 'A question needs its text').max(500, 'A question is at most 500 characters'),
    /** Choice questions: the answers offered, as the form tool writes them. */
    options: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
    /** Scale questions: the lowest and highest point (rating is 1–5, NPS 0–10). */
    scaleMin: z.number().int().min(0).max(1).default(1),
    scaleMax: z.number().int().min(2).max(10).default(7),
  })
  .superRefine((q, ctx) => {
    if (q.type === 'choice' && q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: `“${q.text}” needs at least two options` });
  });
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveyQuestions = z
  .array(SurveyQuestion)
  .min(1, 'A survey needs at least one question')
  .max(60, 'A survey has at most 60 questions')
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    for (const q of qs) {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: `Two questions have the id “${q.id}”` });
      seen.add(q.id);
    }
  });

/** The points a numeric question's answers can take, lowest first. */
export function scalePoints(q: SurveyQuestion): number[] {
  const [min, max] = q.type === 'rating' ? [1, 5] : q.type === 'nps' ? [0, 10] : [q.scaleMin, q.scaleMax];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

export const isNumeric = (q: SurveyQuestion) => q.type === 'rating' || q.type === 'scale' || q.type === 'nps';

/** Form tools write "4", "4 - Agree" or "4/5": the leading whole number is the answer. */
function readNumber(q: SurveyQuestion, cell: string): CellResult<number> {
  const match = /^\s*(\d{1,2})(?:\s*(?:[-–—:/.)]|$|\s))/.exec(cell);
  const points = scalePoints(q);
  const [min, max] = [points[0]!, points.at(-1)!];
  if (!match) return cellFail(`is not a number from ${min} to ${max}`);
  const value = Number(match[1]);
  return value >= min && value <= max ? cellOk(value) : cellFail(`is outside ${min}–${max}`);
}

export function readAnswer(q: SurveyQuestion, cell: string): CellResult<number | string> {
  if (isNumeric(q)) return readNumber(q, cell);
  if (q.type === 'choice') {
    const wanted = foldWord(cell.trim());
    const option = q.options.find((o) => foldWord(o) === wanted);
    return option === undefined ? cellFail(`is not one of the options (${q.options.join(', ')})`) : cellOk(option);
  }
  return cellOk(cell.trim());
}

/** Longest free-text answer kept, in characters. */
export const TEXT_ANSWER_MAX = 5000;
