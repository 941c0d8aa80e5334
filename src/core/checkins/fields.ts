import { DateTime } from 'luxon';
import { cellFail, cellOk, defineFormFields, textCell, type CellResult } from '../forms';
import { normaliseEmail } from '../import/normalise';

/** "Yes", "No", "Y", "true", "0"…: a yes/no answer, or a reason. */
export function parseYesNo(cell: string): CellResult<boolean> {
  const text = cell.trim().toLowerCase().replace(/[.!]+$/, '');
  if (/^(yes|y|true|1|oui|si|sí|ja)$/.test(text) || text.startsWith('yes')) return cellOk(true);
  if (/^(no|n|false|0|non|nein)$/.test(text) || /^no\b/.test(text) || text.startsWith('not yet')) return cellOk(false);
  return cellFail('expected yes or no');
}

export function parseTimes(cell: string): CellResult<number> {
  const match = /^(\d+)\s*(\+|x|times?|sessions?|meetings?)?$/i.exec(cell.trim());
  if (!match) return cellFail('not a whole number of meetings');
  const n = Number(match[1]);
  return n > 100 ? cellFail('must be at most 100') : cellOk(n);
}

const WORDED = ['d MMMM yyyy', 'd MMM yyyy', 'MMMM d, yyyy', 'MMM d, yyyy', 'MMMM d yyyy', 'MMM d yyyy', 'EEEE, MMMM d, yyyy', 'EEE, d MMM yyyy'];

/**
 * A meeting date: YYYY-MM-DD (what an .xlsx date cell reads as), a time after it ignored; "14 March
 * 2027" and "March 14, 2027"; or a numeric date with slashes or dots when it reads one way only
 * (14/03/2027, 3/14/2027). 03/04/2027 could be either: that is a problem, never a guess.
 */
export function parseMeetingDate(cell: string): CellResult<string> {
  const text = cell.trim();
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(text);
  if (iso) return validDate(+iso[1]!, +iso[2]!, +iso[3]!, text);
  const numeric = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:[ ,T].*)?$/.exec(text);
  if (numeric) {
    const [a, b] = [+numeric[1]!, +numeric[2]!];
    const year = numeric[3]!.length === 2 ? 2000 + +numeric[3]! : +numeric[3]!;
    if (a > 12 && b <= 12) return validDate(year, b, a, text);
    if (b > 12 && a <= 12) return validDate(year, a, b, text);
    if (a === b) return validDate(year, a, b, text);
    if (a > 12 && b > 12) return cellFail('not a date');
    return cellFail(`could be ${monthDay(year, b, a)} or ${monthDay(year, a, b)}: write the date as YYYY-MM-DD`);
  }
  for (const format of WORDED) {
    const parsed = DateTime.fromFormat(text, format, { locale: 'en-US' });
    if (parsed.isValid) return cellOk(parsed.toISODate()!);
  }
  return cellFail('not a date (write it as YYYY-MM-DD)');
}

function monthDay(year: number, month: number, day: number): string {
  const date = DateTime.fromObject({ year, month, day });
  return date.isValid ? date.toFormat('d MMMM') : `${day}/${month}`;
}

function validDate(year: number, month: number, day: number, text: string): CellResult<string> {
  const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  return date.isValid && year >= 1900 && year <= 2999 ? cellOk(date.toISODate()!) : cellFail(`not a date on the calendar ("${text}")`);
}

const email = (cell: string): CellResult<string> => {
  const parsed = normaliseEmail(cell);
  return parsed.ok ? cellOk(parsed.value) : cellFail(parsed.error);
};

/** The columns of a check-in form's answers, as coordinators' forms word them. */
export const CHECKIN_FIELDS = defineFormFields({
  respondentEmail: {
    key: 'respondentEmail', label: 'Respondent email', required: true, maxLength: 320, parse: email,
    keywords: ['respondent email', 'email address', 'your email', 'email', 'e mail'],
    unless: ['mentor s', 'mentee s', 'mentor email', 'mentee email', 'partner', 'manager'],
  },
  partnerEmail: {
    key: 'partnerEmail', label: 'Partner email', required: false, maxLength: 320, parse: email,
    keywords: ['partner email', 'partner s email', 'mentee s email', 'mentor s email', 'mentee email', 'mentor email', 'who is your mentee', 'who is your mentor'],
  },
  met: {
    key: 'met', label: 'Did you meet', required: false, maxLength: 100, parse: parseYesNo,
    keywords: ['did you meet', 'have you met', 'did you have a session', 'met this month', 'met'],
  },
  timesMet: {
    key: 'timesMet', label: 'How many times', required: false, maxLength: 20, parse: parseTimes,
    keywords: ['how many times', 'how many sessions', 'how many meetings', 'number of meetings', 'number of sessions', 'times met', 'times'],
  },
  lastMetOn: {
    key: 'lastMetOn', label: 'Date of last meeting', required: false, maxLength: 60, parse: parseMeetingDate,
    keywords: ['date of last meeting', 'date of your last meeting', 'when did you last meet', 'last meeting', 'last session', 'last met', 'date'],
  },
  goalProgress: {
    key: 'goalProgress', label: 'Progress on goals', required: false, maxLength: 2000, parse: textCell,
    keywords: ['progress on goals', 'progress on your goals', 'goal progress', 'progress'],
  },
  comments: {
    key: 'comments', label: 'Comments', required: false, maxLength: 5000, parse: textCell,
    keywords: ['comments', 'comment', 'anything else', 'notes', 'other feedback'],
  },
  submittedAt: {
    key: 'submittedAt', label: 'Submitted at', required: false, maxLength: 60, parse: textCell,
    keywords: ['timestamp', 'submitted at', 'completion time', 'submitted'],
  },
});
export type CheckinFields = typeof CHECKIN_FIELDS;
