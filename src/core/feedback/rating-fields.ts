import { DateTime } from 'luxon';
import { cellFail, cellOk, defineFormFields, textCell, type CellResult } from '../forms/fields';

/** Reads "4", "4 - Good" or "4/5" as a rating from 1 to 5. */
function rating(cell: string): CellResult<number> {
  const match = /^\s*([1-5])(?:\s*(?:[-–—:/.)]|$|\s))/.exec(cell);
  return match ? cellOk(Number(match[1])) : cellFail('is not a rating from 1 to 5');
}

const YES = new Set(['yes', 'y', 'true', '1', 'oui', 'si', 'sí', 'ja', 'definitely', 'probably']);
const NO = new Set(['no', 'n', 'false', '0', 'non', 'nein', 'probably not', 'definitely not']);

function yesNo(cell: string): CellResult<boolean> {
  const word = cell.trim().toLowerCase();
  if (YES.has(word)) return cellOk(true);
  if (NO.has(word)) return cellOk(false);
  return cellFail('is not yes or no');
}

const DATE_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd', 'M/d/yyyy H:mm:ss', 'M/d/yyyy H:mm', 'M/d/yyyy'];

/** When the form was submitted: ISO, "2027-03-14 10:22:33" or Google Forms' "3/14/2027 10:22:33"; read as UTC when no zone is given. */
function submitted(cell: string): CellResult<string> {
  const text = cell.trim();
  let dt = DateTime.fromISO(text, { zone: 'utc' });
  for (const format of DATE_FORMATS) {
    if (dt.isValid) break;
    dt = DateTime.fromFormat(text, format, { zone: 'utc' });
  }
  return dt.isValid ? cellOk(dt.toUTC().toISO({ suppressMilliseconds: true })!) : cellFail('is not a date (like 2027-03-14 or 2027-03-14 10:30)');
}

/** The columns of a pair-feedback form's export. */
export const RATING_FIELDS = defineFormFields({
  email: {
    key: 'email',
    label: 'Respondent email',
    keywords: ['respondent email', 'your email', 'email address', 'email', 'e-mail', 'username'],
    unless: ['mentor s', 'mentee s', 'partner', 'manager'],
    required: true,
    maxLength: 320,
    parse: (cell: string) => cellOk(cell.trim()),
  },
  partnerEmail: {
    key: 'partnerEmail',
    label: 'Partner’s email',
    keywords: ['partner email', 'partner s email', 'mentee s email', 'mentor s email', 'mentee email', 'mentor email'],
    required: false,
    maxLength: 320,
    parse: (cell: string) => cellOk(cell.trim()),
  },
  matchRating: {
    key: 'matchRating',
    label: 'Rating of the match',
    keywords: ['rate the match', 'match rating', 'rate your match', 'how good is the match', 'match'],
    required: true,
    maxLength: 40,
    parse: rating,
  },
  sessionRating: {
    key: 'sessionRating',
    label: 'Rating of the sessions',
    keywords: ['rate the sessions', 'session rating', 'sessions rating', 'rate your sessions', 'sessions', 'session'],
    required: false,
    maxLength: 40,
    parse: rating,
  },
  wouldRecommend: {
    key: 'wouldRecommend',
    label: 'Would recommend',
    keywords: ['would you recommend', 'would recommend', 'recommend'],
    required: false,
    maxLength: 40,
    parse: yesNo,
  },
  comment: { key: 'comment', label: 'Comment', keywords: ['comments', 'comment', 'anything else', 'feedback'], required: false, maxLength: 5000, parse: textCell },
  ratedAt: { key: 'ratedAt', label: 'Submitted at', keywords: ['timestamp', 'submitted at', 'submitted', 'date', 'completion time'], required: false, maxLength: 60, parse: submitted },
});
