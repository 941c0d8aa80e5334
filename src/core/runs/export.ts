import Papa from 'papaparse';
import type { Member } from '../domain/participant';
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

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'pairs';

export function exportCsv(run: Run, members: readonly Member[], cohortName: string): ExportedFile {
  const rows = pairRows(run, members).map((r) => HEADERS.map(([key]) => (r[key] === null ? '' : r[key] === true ? 'yes' : r[key] === false ? 'no' : String(r[key]))));
  // A BOM so that Excel opens the UTF-8 names (Chloé, Müller) correctly.
  const text = `\uFEFF${Papa.unparse({ fields: HEADERS.map(([, label]) => label), data: rows }, { newline: '\r\n' })}\r\n`;
  return { fileName: `${slug(cohortName)}-${slug(run.name)}-pairs.csv`, mimeType: 'text/csv', bytes: new TextEncoder().encode(text) };
}

export async function exportXlsx(run: Run, members: readonly Member[], cohortName: string): Promise<ExportedFile> {
  // exceljs and jszip are loaded on first use: they are slow to load and only exports need them.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Pairwise';
  const sheet = workbook.addWorksheet('Pairs', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map(([key, label]) => ({ header: label, key, width: key === 'reasons' ? 60 : key.endsWith('Email') ? 32 : 20 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of pairRows(run, members)) sheet.addRow({ ...row, locked: row.locked ? 'yes' : 'no' });
  sheet.autoFilter = { from: 'A1', to: { row: 1, column: HEADERS.length } };
  return {
    fileName: `${slug(cohortName)}-${slug(run.name)}-pairs.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: new Uint8Array(await workbook.xlsx.writeBuffer()),
  };
}

/** One introduction email per pair, addressed to both people, saying why they were paired. */
export function introEmails(run: Run, members: readonly Member[], options: { from: string; programName: string; note?: string }): IntroEmail[] {
  return pairRows(run, members).map((p) => {
    const lines = [
      `Hello ${p.mentor.split(' ')[0]} and ${p.mentee.split(' ')[0]},`,
      '',
      `Welcome to ${options.programName}! ${p.mentor} (${p.mentorEmail}) will be mentoring ${p.mentee} (${p.menteeEmail}).`,
      '',
      'Why we paired you:',
      p.sharedTopics ? `- shared topics: ${p.sharedTopics}` : null,
      p.tzDiffHours !== null ? `- time zones: ${p.mentorTimezone} and ${p.menteeTimezone} (${p.tzDiffHours} h apart)` : null,
      p.overlapHours ? `- about ${p.overlapHours} hours a week when you are both available` : null,
      '',
      options.note?.trim() || 'Please reply to each other to set up your first session.',
      '',
      `— the ${options.programName} team`,
    ].filter((line): line is string => line !== null);
    return {
      to: [p.mentorEmail, p.menteeEmail],
      from: options.from,
      subject: `${options.programName}: meet your ${p.mentee.split(' ')[0]} / ${p.mentor.split(' ')[0]} mentoring pair`,
      text: lines.join('\n'),
      fileName: `${slug(p.mentor)}--${slug(p.mentee)}.eml`,
    };
  });
}

function encodeHeader(value: string): string {
  // RFC 2047 for non-ASCII names in headers.
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

export function toEml(email: IntroEmail, date = new Date()): string {
  return [
    `From: ${email.from}`,
    `To: ${email.to.join(', ')}`,
    `Subject: ${encodeHeader(email.subject)}`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    'X-Unsent: 1',
    '',
    Buffer.from(email.text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n'),
    '',
  ].join('\r\n');
}

export async function exportEmlZip(run: Run, members: readonly Member[], options: { from: string; programName: string; cohortName: string; note?: string }): Promise<ExportedFile> {
  const { default: Zip } = await import('jszip');
  const zip = new Zip();
  for (const email of introEmails(run, members, options)) zip.file(email.fileName, toEml(email));
  return {
    fileName: `${slug(options.cohortName)}-${slug(run.name)}-introductions.zip`,
    mimeType: 'application/zip',
    bytes: await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
  };
}
