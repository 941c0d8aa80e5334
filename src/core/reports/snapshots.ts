import { z } from 'zod';
import type { Store } from '../db/store';

/** The summary figures a report shows and the next report compares with. */
export const ReportFigures = z.object({
  registered: z.number(),
  matched: z.number(),
  activePairs: z.number(),
  firstSessionRate: z.number(),
  sessionsHeld: z.number(),
  sessionsExpected: z.number(),
  atRisk: z.number(),
  goalsReached: z.number().nullable().default(null),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export interface Snapshot {
  madeAt: string;
  from: string | null;
  to: string | null;
  figures: ReportFigures;
}

/** The cohort's latest kept report figures, or null before its first report (or when unreadable). */
export function lastSnapshot(store: Store, cohortId: string): Snapshot | null {
  const row = store.first(
    store.q
      .selectFrom('report_snapshots')
      .select(['made_at', 'period_from', 'period_to', 'figures'])
      .where('cohort_id', '=', cohortId)
      .where('deleted_at', 'is', null)
      .orderBy('made_at', 'desc')
      .limit(1),
  );
  if (!row) return null;
  const figures = ReportFigures.safeParse(JSON.parse(row.figures));
  return figures.success ? { madeAt: row.made_at, from: row.period_from, to: row.period_to, figures: figures.data } : null;
}

export function keepSnapshot(store: Store, cohortId: string, snapshot: Snapshot): void {
  store.transact((w) =>
    w.insert('report_snapshots', { cohort_id: cohortId, made_at: snapshot.madeAt, period_from: snapshot.from, period_to: snapshot.to, figures: JSON.stringify(snapshot.figures) }),
  );
}
