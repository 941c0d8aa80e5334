/**
 * Which reminder emails already went out, so a second send does not repeat them: a session's reminder is
 * sent once; a pair's nudge again only after a full cadence since the last one (the pair is still lapsed).
 */
import type { Store } from '../db/store';
import { wholeDays } from '../pairs/overview';
import type { ReminderKind } from './templates';

/** The latest time each occasion's email was sent or saved, and how. */
export function lastSent(store: Store, cohortId: string): Map<string, { at: string; via: 'smtp' | 'eml' }> {
  const rows = store.all(
    store.q.selectFrom('reminders_sent').select(['key', 'sent_at', 'via']).where('cohort_id', '=', cohortId).where('deleted_at', 'is', null).orderBy('sent_at'),
  );
  return new Map(rows.map((r) => [r.key, { at: r.sent_at, via: r.via }]));
}

/** Sent already, for this occasion: a reminder once, a nudge within the pair's cadence. */
export function alreadySent(kind: ReminderKind, sentAt: string | null, cadenceDays: number, now: Date): boolean {
  if (sentAt === null) return false;
  return kind === 'reminder' || wholeDays(sentAt, now) < cadenceDays;
}

export function recordSent(
  store: Store,
  cohortId: string,
  sent: readonly { key: string; pairId: string; kind: ReminderKind }[],
  via: 'smtp' | 'eml',
  at: Date,
): void {
  if (sent.length === 0) return;
  store.transact((w) => {
    for (const m of sent) w.insert('reminders_sent', { cohort_id: cohortId, pair_id: m.pairId, key: m.key, kind: m.kind, via, sent_at: at.toISOString() });
  });
}
