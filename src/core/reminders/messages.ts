import type { Store } from '../db/store';
import { dueList } from '../due/due';
import { formatMailbox, parseMailbox, type Mailbox } from '../files/eml';
import { pairsOverview } from '../pairs/overview';
import { getSession } from '../sessions/sessions';
import type { LocalStart } from '../sessions/contract';
import { getMailSettings } from './mail-settings';
import { alreadySent, lastSent } from './sent-log';
import { getTemplates, programOf, render, type ReminderKind } from './templates';

export interface ReminderMessage {
  /** Stable for one pair and occasion: "reminder:<session id>", "nudge:<pair id>". */
  key: string;
  kind: ReminderKind;
  pairId: string;
  /** Why this pair gets it, in words ("session in 5 h", "no session for 20 days, cadence 14"). */
  reason: string;
  to: Mailbox[];
  subject: string;
  text: string;
  /** When this occasion's email last went out (or was saved as .eml), and how; null: never. */
  lastSent: { at: string; via: 'smtp' | 'eml' } | null;
  /** Sent already: a session's reminder once, a nudge within the pair's cadence. A send leaves these out unless chosen. */
  alreadySent: boolean;
}

const FORMAT_WORDS = { video: 'video', 'in-person': 'in person', phone: 'phone' } as const;

/** "Sun 2027-03-14 09:00 America/New_York (UTC-04:00)": a person's own clock and zone for the session. */
export function sessionTimeText(start: LocalStart, instant: string): string {
  if (start.local === null) return `${instant.slice(0, 16).replace('T', ' ')} UTC (no time zone on record)`;
  return `${start.weekday} ${start.local.replace('T', ' ')} ${start.timezone} (UTC${start.utcOffset})`;
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/**
 * The emails due now for a cohort: a reminder for each planned session in the next 48 hours, with each
 * person's own local time; a nudge for each pair past its cadence or without a first session in time
 * (the due list, src/core/due, decides which). One message per occasion, to both people of the pair.
 */
export async function reminderMessages(store: Store, cohortId: string, now: Date): Promise<{ asOf: string; from: string | null; messages: ReminderMessage[] }> {
  const { programName, cohortName } = programOf(store, cohortId);
  const templates = getTemplates(store, cohortId);
  const settings = getMailSettings(store);
  const sender = settings ? await parseMailbox(settings.from, 'From') : null;
  const overview = pairsOverview(store, cohortId, now);
  const pairs = new Map(overview.pairs.map((p) => [p.pairId, p]));
  const messages: ReminderMessage[] = [];
  const nudged = new Set<string>();
  const sent = lastSent(store, cohortId);
  for (const item of dueList(store, { cohortId }, now).items) {
    const pair = pairs.get(item.pairId);
    if (!pair) continue;
    const base: Record<string, string> = {
      mentorName: pair.mentor.name,
      menteeName: pair.mentee.name,
      mentorFirstName: firstName(pair.mentor.name),
      menteeFirstName: firstName(pair.mentee.name),
      cohortName,
      programName,
      senderName: sender?.name || sender?.address || 'The mentoring team',
    };
    const to = [pair.mentee, pair.mentor].filter((p) => p.email).map((p) => ({ name: p.name, address: p.email }));
    let kind: ReminderKind;
    let values: Record<string, string>;
    let key: string;
    if (item.kind === 'session-soon' && item.sessionId) {
      const session = getSession(store, item.sessionId);
      kind = 'reminder';
      key = `reminder:${session.id}`;
      values = {
        ...base,
        sessionStartMentor: sessionTimeText(session.mentor, session.startsAt),
        sessionStartMentee: sessionTimeText(session.mentee, session.startsAt),
        sessionFormat: FORMAT_WORDS[session.format],
        sessionMinutes: String(session.durationMinutes),
      };
    } else if ((item.kind === 'past-cadence' || item.kind === 'no-first-session') && !nudged.has(item.pairId)) {
      nudged.add(item.pairId);
      kind = 'nudge';
      key = `nudge:${item.pairId}`;
      values = { ...base, daysWithout: String(pair.daysWithout), cadenceDays: String(pair.cadenceDays) };
    } else continue;
    const template = templates[kind];
    const last = sent.get(key) ?? null;
    messages.push({
      key,
      kind,
      pairId: item.pairId,
      reason: item.text,
      to,
      subject: render(template.subject, values),
      text: render(template.body, values),
      lastSent: last,
      alreadySent: alreadySent(kind, last?.at ?? null, pair.cadenceDays, now),
    });
  }
  return { asOf: now.toISOString(), from: sender ? formatMailbox(sender) : null, messages };
}
