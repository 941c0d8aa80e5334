import { activePairs, publishRun } from '../../src/core/pairs/publish';
import { addMember } from '../../src/core/participants/roster';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { runMatchNow } from '../../src/core/runs/runs';
import type { Store } from '../../src/core/db/store';
import { join } from 'node:path';
import { openStore } from '../../src/core/db/open';
import { tempDir, tempStore } from './temp';

/** A cohort with one mentor and one mentee in the given zones, matched and published: one active pair. */
export async function publishedPair(zones: { mentor: string | undefined; mentee: string | undefined }, store?: Store) {
  const db = store ?? (await tempStore());
  const cohort = ensureProgramAndCohort(db, 'Mentoring', 'Spring');
  const mentor = addMember(db, cohort.id, { fullName: 'Ana Ruiz', email: 'ana@example.org', role: 'Mentor', capacity: 1, timezone: zones.mentor });
  const mentee = addMember(db, cohort.id, { fullName: 'Ben Li', email: 'ben@example.org', role: 'Mentee', timezone: zones.mentee });
  const run = await runMatchNow(db, { cohortId: cohort.id, settings: { rules: { timezone: { kind: 'none' } } } });
  publishRun(db, run.id);
  const [pair] = activePairs(db, cohort.id);
  if (!pair) throw new Error('the fixture made no pair');
  return { store: db, cohort, mentor, mentee, pair };
}

/**
 * A workspace file (for the CLI tests) holding one published pair, Ana Ruiz (mentor, Berlin) and Ben Li
 * (mentee, New York), cohort Spring; `prepare` adds to it before the file is closed.
 */
export async function publishedPairFile(prepare?: (store: Store, pair: { id: string }) => void): Promise<string> {
  const db = join(tempDir(), 'workspace.sqlite');
  const store = await openStore(db);
  try {
    const { pair } = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' }, store);
    prepare?.(store, pair);
  } finally {
    store.close();
  }
  return db;
}
