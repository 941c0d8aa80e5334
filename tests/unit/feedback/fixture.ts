import { addMember } from '../../../src/core/participants/roster';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import type { Store } from '../../../src/core/db/store';
import { defineSurvey } from '../../../src/core/feedback/surveys';
import { tempStore } from '../temp';

/** 16 participants: Engineering 8, Sales 6, Legal 2 (mentors and mentees in each), some names with accents or not Latin. */
export const PEOPLE = [
  ['Chloé Martin', 'Engineering', 'Mentor'],
  ['Jürgen Müller', 'Engineering', 'Mentor'],
  ['王小明', 'Engineering', 'Mentee'],
  ['Ana Ruiz', 'Engineering', 'Mentee'],
  ['Ben Li', 'Engineering', 'Mentee'],
  ['Dmitri Ivanov', 'Engineering', 'Mentee'],
  ['Fatima Zahra', 'Engineering', 'Mentee'],
  ['Olu Adeyemi', 'Engineering', 'Mentee'],
  ['Priya Nair', 'Sales', 'Mentor'],
  ['Tom Baker', 'Sales', 'Mentee'],
  ['Sara Cohen', 'Sales', 'Mentee'],
  ['Yuki Tanaka', 'Sales', 'Mentee'],
  ['Lars Berg', 'Sales', 'Mentee'],
  ['Maya Singh', 'Sales', 'Mentee'],
  ['Noor Haddad', 'Legal', 'Mentor'],
  ['Iris Vale', 'Legal', 'Mentee'],
] as const;

export const emailOf = (name: string, i: number) => `person${i + 1}@example.org`;

export const QUESTIONS = [
  { id: 'overall', type: 'rating' as const, text: 'How satisfied are you with the program?' },
  { id: 'nps', type: 'nps' as const, text: 'How likely are you to recommend the program to a colleague?' },
  { id: 'format', type: 'choice' as const, text: 'Which format worked best?', options: ['Video', 'In person'] },
  { id: 'comments', type: 'text' as const, text: 'Anything else you would like to tell us?' },
];

export async function surveyCohort(store?: Store) {
  const db = store ?? (await tempStore());
  const cohort = ensureProgramAndCohort(db, 'Mentoring', 'Spring');
  const members = PEOPLE.map(([name, department, role], i) => addMember(db, cohort.id, { fullName: name, email: emailOf(name, i), role, department, capacity: role === 'Mentor' ? 3 : undefined }));
  return { store: db, cohort, members };
}

export async function anonymousSurvey(options: { k?: number; anonymous?: boolean } = {}) {
  const fixture = await surveyCohort();
  const survey = defineSurvey(fixture.store, {
    cohortId: fixture.cohort.id,
    title: 'Mid-point survey',
    anonymous: options.anonymous ?? true,
    roles: ['mentor', 'mentee'],
    groupBy: ['department'],
    minGroupSize: options.k ?? 5,
    questions: QUESTIONS.map((q) => ({ options: [], scaleMin: 1, scaleMax: 7, ...q })),
  });
  return { ...fixture, survey };
}

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** A form tool's export: one line per answer, in the order given, with a timestamp column as form tools write it. */
export function answersCsv(rows: { email: string; overall: string; nps: string; format: string; comments: string }[]): Uint8Array {
  const header = ['Timestamp', 'Email Address', ...QUESTIONS.map((q) => q.text)];
  const lines = rows.map((r, i) => [`2027-03-${String(10 + (i % 18)).padStart(2, '0')} 09:${String(i).padStart(2, '0')}:00`, r.email, r.overall, r.nps, r.format, r.comments]);
  return new TextEncoder().encode([header, ...lines].map((l) => l.map(quote).join(',')).join('\n') + '\n');
}

/** Everyone answers, in the participant list's order; each comment is unique so a test can find it. */
export function everyoneAnswers(tag = 'A') {
  return PEOPLE.map(([name], i) => ({
    email: emailOf(name, i),
    overall: String(1 + (i % 5)),
    nps: String(i % 11),
    format: i % 2 ? 'Video' : 'In person',
    comments: i === 3 ? `My mentor ${PEOPLE[0][0]} was great (${tag}${i})` : `comment ${tag}${i}`,
  }));
}
