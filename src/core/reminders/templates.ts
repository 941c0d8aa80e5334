import type { Store } from '../db/store';
import { InvalidInputError, NotFoundError } from '../errors';

export type ReminderKind = 'reminder' | 'nudge';

export interface Template {
  subject: string;
  body: string;
}

/** Every placeholder a template may use, and what it becomes. Session times only exist in reminders. */
export const PLACEHOLDERS: Record<string, { about: string; kinds: readonly ReminderKind[] }> = {
  mentorName: { about: "the mentor's full name", kinds: ['reminder', 'nudge'] },
  menteeName: { about: "the mentee's full name", kinds: ['reminder', 'nudge'] },
  mentorFirstName: { about: "the mentor's first name", kinds: ['reminder', 'nudge'] },
  menteeFirstName: { about: "the mentee's first name", kinds: ['reminder', 'nudge'] },
  cohortName: { about: 'the cohort', kinds: ['reminder', 'nudge'] },
  programName: { about: 'the program', kinds: ['reminder', 'nudge'] },
  senderName: { about: 'your name as the From line gives it', kinds: ['reminder', 'nudge'] },
  sessionStartMentor: { about: "the session's start on the mentor's clock, with the zone", kinds: ['reminder'] },
  sessionStartMentee: { about: "the session's start on the mentee's clock, with the zone", kinds: ['reminder'] },
  sessionFormat: { about: 'video, in person or phone', kinds: ['reminder'] },
  sessionMinutes: { about: "the session's length in minutes", kinds: ['reminder'] },
  daysWithout: { about: 'days since the last session (or the start)', kinds: ['nudge'] },
  cadenceDays: { about: "the pair's cadence in days", kinds: ['nudge'] },
};

export const DEFAULT_TEMPLATES: Record<ReminderKind, Template> = {
  reminder: {
    subject: 'Reminder: your mentoring session, {menteeName} & {mentorName}',
    body: [
      'Hello {menteeFirstName} and {mentorFirstName},',
      '',
      'A reminder of your next mentoring session ({sessionFormat}, {sessionMinutes} minutes):',
      '',
      '  {menteeName}: {sessionStartMentee}',
      '  {mentorName}: {sessionStartMentor}',
      '',
      'Enjoy the conversation!',
      '{senderName}',
    ].join('\n'),
  },
  nudge: {
    subject: 'Time for your next mentoring session, {menteeName} & {mentorName}',
    body: [
      'Hello {menteeFirstName} and {mentorFirstName},',
      '',
      'It has been {daysWithout} days since your last session in {cohortName}; the program suggests meeting every {cadenceDays} days.',
      'Could you find a time to meet in the coming days? If something is in the way, just reply to this email.',
      '',
      '{senderName}',
    ].join('\n'),
  },
};

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Refuses a template with a placeholder it cannot fill, naming it and the ones it can. */
export function checkTemplate(kind: ReminderKind, template: Template): void {
  const allowed = Object.entries(PLACEHOLDERS).filter(([, p]) => p.kinds.includes(kind)).map(([name]) => name);
  for (const [where, text] of [['subject', template.subject], ['body', template.body]] as const) {
    for (const [, name] of text.matchAll(PLACEHOLDER)) {
      if (!allowed.includes(name!)) {
        const why = PLACEHOLDERS[name!] ? `it only exists in ${PLACEHOLDERS[name!]!.kinds.join(' and ')} emails` : 'there is no such placeholder';
        throw new InvalidInputError(`The ${kind} ${where} uses {${name}}, but ${why}. Use ${allowed.map((a) => `{${a}}`).join(', ')}.`);
      }
    }
  }
}

/** Fills the placeholders; `values` has one for every placeholder checkTemplate lets through. */
export function render(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}

/** The cohort's program and both names, or a NotFoundError. */
export function programOf(store: Store, cohortId: string): { programId: string; programName: string; cohortName: string } {
  const row = store.first(
    store.q
      .selectFrom('cohorts as c')
      .innerJoin('programs as p', 'p.id', 'c.program_id')
      .select(['c.program_id', 'p.name as program_name', 'c.name as cohort_name'])
      .where('c.id', '=', cohortId)
      .where('c.deleted_at', 'is', null),
  );
  if (!row) throw new NotFoundError(`No cohort with id ${cohortId}`);
  return { programId: row.program_id, programName: row.program_name, cohortName: row.cohort_name };
}

/** The program's templates, the defaults where it has not saved its own. */
export function getTemplates(store: Store, cohortId: string): Record<ReminderKind, Template & { custom: boolean }> {
  const { programId } = programOf(store, cohortId);
  const rows = store.all(store.q.selectFrom('reminder_templates').selectAll().where('program_id', '=', programId).where('deleted_at', 'is', null));
  const pick = (kind: ReminderKind) => {
    const row = rows.find((r) => r.kind === kind);
    return row ? { subject: row.subject, body: row.body, custom: true } : { ...DEFAULT_TEMPLATES[kind], custom: false };
  };
  return { reminder: pick('reminder'), nudge: pick('nudge') };
}

/** Saves one of the program's templates through the writer (null: back to the default, a tombstone). */
export function saveTemplate(store: Store, cohortId: string, kind: ReminderKind, template: Template | null): Record<ReminderKind, Template & { custom: boolean }> {
  if (template) checkTemplate(kind, template);
  const { programId } = programOf(store, cohortId);
  const existing = store.first(
    store.q.selectFrom('reminder_templates').select('id').where('program_id', '=', programId).where('kind', '=', kind).where('deleted_at', 'is', null),
  );
  store.transact((w) => {
    if (template === null) {
      if (existing) w.remove('reminder_templates', existing.id);
    } else if (existing) w.update('reminder_templates', existing.id, { subject: template.subject, body: template.body });
    else w.insert('reminder_templates', { program_id: programId, kind, subject: template.subject, body: template.body });
  });
  return getTemplates(store, cohortId);
}
