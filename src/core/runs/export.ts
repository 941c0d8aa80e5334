import type { Member } from '../domain/participant';
import { toCsvBytes, type CsvCell } from '../files/csv';
import { composeEml, formatMailbox, oneLine, type Mailbox } from '../files/eml';
import { fileNamePart, uniqueFileNames } from '../files/names';
import { toXlsx } from '../files/xlsx';
import type { MatchAssignment } from '../matching';
import { CRITERIA_TEXT } from '../matching/criteria-text';
import type { IntroEmail, Run } from './contract';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface PairRow {
  mentee: string;
  menteeEmail: string;
  menteeTimezone: string;
  mentor: string;
  mentorEmail: string;
  mentorTimezone: string;
  score: number;
  tzDiffHours: number | null;
  overlapHours: number | null;
  sharedTopics: string;
  reasons: string;
  locked: boolean;
}


/** "topics 0.41, shared language 0.12, …": the score breakdown in words, largest first. */
export function reasonsOf(a: MatchAssignment): string {
  return Object.entries(a.breakdown)
    .filter(([, c]) => c.contribution > 0)
    .sort((x, y) => y[1].contribution - x[1].contribution)
    .map(([key, c]) => `${CRITERIA_TEXT[key as keyof typeof CRITERIA_TEXT]?.short ?? key} ${c.contribution.toFixed(2)}`)
    .join(', ');
}

export function pairRows(run: Run, members: readonly Member[]): PairRow[] {
  const byId = new Map(members.map((m) => [m.id, m]));
  return run.result.assignments
    .map((a) => {
      const mentee = byId.get(a.menteeId);
      const mentor = byId.get(a.mentorId);
      return {
        mentee: mentee?.fullName ?? '(removed)',
        menteeEmail: mentee?.email ?? '',
        menteeTimezone: mentee?.timezone ?? '',
        mentor: mentor?.fullName ?? '(removed)',
        mentorEmail: mentor?.email ?? '',
        mentorTimezone: mentor?.timezone ?? '',
        score: Math.round(a.score * 1000) / 1000,
        tzDiffHours: a.tzDiffHours,
        overlapHours: a.overlapHours === null ? null : Math.round(a.overlapHours * 10) / 10,
        sharedTopics: a.sharedTopics.join(', '),
        reasons: reasonsOf(a),
        locked: a.locked,
      };
    })
    .sort((x, y) => x.mentor.localeCompare(y.mentor) || x.mentee.localeCompare(y.mentee));
}

const HEADERS: [keyof PairRow, string][] = [
  ['mentee', 'Mentee'],
  ['menteeEmail', 'Mentee email'],
  ['menteeTimezone', 'Mentee time zone'],
  ['mentor', 'Mentor'],
  ['mentorEmail', 'Mentor email'],
  ['mentorTimezone', 'Mentor time zone'],
  ['score', 'Score'],
  ['tzDiffHours', 'Time-zone difference (h)'],
  ['overlapHours', 'Weekly overlap (h)'],
  ['sharedTopics', 'Shared topics'],
  ['reasons', 'Why this pair'],
  ['locked', 'Locked by coordinator'],
];

const slug = (text: string, fallback: string) => fileNamePart(text, fallback);
const baseName = (run: Run, cohortName: string) => `${slug(cohortName, 'cohort')}-${slug(run.name, 'run')}`;

/** A pair row as typed cells: numbers stay numbers (a spreadsheet can sort and sum them), yes/no for the lock. */
function cells(r: PairRow): CsvCell[] {
  return HEADERS.map(([key]) => {
    const value = r[key];
    return typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  });
}

export function exportCsv(run: Run, members: readonly Member[], cohortName: string): ExportedFile {
  const rows = [HEADERS.map(([, label]) => label), ...pairRows(run, members).map(cells)];
  return { fileName: `${baseName(run, cohortName)}-pairs.csv`, mimeType: 'text/csv', bytes: toCsvBytes(rows) };
}

const WIDTHS: Partial<Record<keyof PairRow, number>> = { reasons: 60, sharedTopics: 40, menteeEmail: 32, mentorEmail: 32 };

export async function exportXlsx(run: Run, members: readonly Member[], cohortName: string): Promise<ExportedFile> {
  const bytes = await toXlsx([
    { name: 'Pairs', columns: HEADERS.map(([key, header]) => ({ header, width: WIDTHS[key] })), rows: pairRows(run, members).map(cells) },
  ]);
  return { fileName: `${baseName(run, cohortName)}-pairs.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes };
}

const firstName = (fullName: string) => fullName.trim().split(/\s+/)[0] || fullName;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A time-zone difference in words, exactly: "1 hour", "30 minutes", "5 hours 45 minutes". */
export function hoursApartText(hours: number): string {
  const total = Math.round(hours * 60);
  const [h, m] = [Math.floor(total / 60), total % 60];
  return [h > 0 ? plural(h, 'hour') : null, m > 0 || h === 0 ? plural(m, 'minute') : null].filter(Boolean).join(' ');
}

/**
 * Weekly overlap in words, rounded as people say it: "about 45 minutes a week" (to 5 minutes under an hour),
 * "about 1 hour a week", "about 2.5 hours a week" (to half hours under 10), "about 12 hours a week".
 */
export function weeklyOverlapText(hours: number): string {
  const minutes = Math.round(hours * 12) * 5;
  if (minutes < 60) return `about ${plural(Math.max(minutes, 5), 'minute')} a week`;
  return `about ${plural(hours < 10 ? Math.round(hours * 2) / 2 : Math.round(hours), 'hour')} a week`;
}

function timeZoneLine(p: PairRow): string | null {
  if (p.tzDiffHours === null) return null;
  if (p.tzDiffHours === 0) {
    return p.mentorTimezone === p.menteeTimezone ? `- time zones: you are both in the same one (${p.mentorTimezone})` : `- time zones: ${p.mentorTimezone} and ${p.menteeTimezone}, the same time of day`;
  }
  return `- time zones: ${p.mentorTimezone} and ${p.menteeTimezone}, ${hoursApartText(p.tzDiffHours)} apart`;
}

/** An introduction before it is a file: what the preview shows and the .eml holds. */
interface Introduction {
  to: Mailbox[];
  subject: string;
  text: string;
  fileName: string;
}

function introductions(run: Run, members: readonly Member[], options: { programName: string; note?: string }): Introduction[] {
  const fileName = uniqueFileNames();
  const programName = oneLine(options.programName);
  // A pair whose mentor or mentee has left the cohort has no one to write to.
  return pairRows(run, members)
    .filter((p) => p.mentorEmail && p.menteeEmail)
    .map((row) => ({ ...row, mentor: oneLine(row.mentor), mentee: oneLine(row.mentee) }))
    .map((p) => {
      const reasons = [
        p.sharedTopics ? `- shared topics: ${p.sharedTopics}` : null,
        timeZoneLine(p),
        p.overlapHours ? `- ${weeklyOverlapText(p.overlapHours)} when you are both available` : null,
      ].filter((line): line is string => line !== null);
      const lines = [
        `Hello ${firstName(p.mentor)} and ${firstName(p.mentee)},`,
        '',
        `Welcome to ${programName}! ${p.mentor} (${p.mentorEmail}) will be mentoring ${p.mentee} (${p.menteeEmail}).`,
        ...(reasons.length > 0 ? ['', 'Why we paired you:', ...reasons] : []),
        '',
        options.note?.trim() || 'Please reply to each other to set up your first session.',
        '',
        `— the ${programName} team`,
      ];
      return {
        to: [
          { name: p.mentor, address: p.mentorEmail },
          { name: p.mentee, address: p.menteeEmail },
        ],
        subject: `${firstName(p.mentee)}, meet ${firstName(p.mentor)}: your mentoring pair in ${programName}`,
        text: lines.join('\n'),
        fileName: fileName(`${slug(p.mentor, 'mentor')}--${slug(p.mentee, 'mentee')}.eml`),
      };
    });
}

/**
 * One introduction email per pair, addressed to both people, saying why they were paired: what the
 * preview shows. `from` is null while the coordinator has not entered a valid sender (then it reads "").
 */
export function introEmails(run: Run, members: readonly Member[], options: { from: Mailbox | null; programName: string; note?: string }): IntroEmail[] {
  const from = options.from ? formatMailbox(options.from) : '';
  return introductions(run, members, options).map((i) => ({ to: i.to.map(formatMailbox), from, subject: i.subject, text: i.text, fileName: i.fileName }));
}

/** The introductions as .eml files in a zip. The sender is required: Pairwise never makes one up. */
export async function exportEmlZip(
  run: Run,
  members: readonly Member[],
  options: { from: Mailbox; programName: string; cohortName: string; note?: string; date?: Date },
): Promise<ExportedFile> {
  const { default: Zip } = await import('jszip');
  const zip = new Zip();
  const date = options.date ?? new Date();
  for (const i of introductions(run, members, options)) {
    zip.file(i.fileName, await composeEml({ from: options.from, to: i.to, subject: i.subject, text: i.text, date }));
  }
  return {
    fileName: `${baseName(run, options.cohortName)}-introductions.zip`,
    mimeType: 'application/zip',
    bytes: await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
  };
}
