/**
 * A replica in its own process, for the concurrency and crash tests:
 *   tsx replica-worker.ts edit DB URL PASSPHRASE NAME ROUNDS   edits and syncs ROUNDS times, then exits
 *   tsx replica-worker.ts hang-push DB URL PASSPHRASE          pushes, prints "holding" inside the push transaction and waits to be killed
 *   tsx replica-worker.ts sync DB URL PASSPHRASE               syncs once (killed at some moment by the test)
 */
import { openStore } from '../../../src/core/db/open';
import { updateMember } from '../../../src/core/participants/members';
import { addMember } from '../../../src/core/participants/roster';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import { openSpace, syncOnce } from '../../../src/core/sync/engine';

const [mode, db, url, passphrase, name = 'w', roundsText = '3'] = process.argv.slice(2);
if (!mode || !db || !url || !passphrase) throw new Error('usage: replica-worker MODE DB URL PASSPHRASE [NAME ROUNDS]');

const store = await openStore(db);
const credentials = { url, passphrase };

if (mode === 'edit') {
  for (let round = 0; round < Number(roundsText); round++) {
    const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
    const member = addMember(store, cohort.id, { fullName: `Person ${name} ${round}`, email: `${name}-${round}@example.org`, role: round % 2 ? 'Mentor' : 'Mentee', capacity: 1 });
    // Everyone also writes the same shared field: LWW must pick one value everywhere.
    const shared = store.sqlite.prepare("SELECT m.id FROM cohort_members m JOIN people p ON p.id = m.person_id WHERE p.email_key = 'w0-0@example.org' AND m.deleted_at IS NULL").get() as { id: string } | undefined;
    updateMember(store, shared?.id ?? member.id, { bio: `bio by ${name} round ${round}` });
    const open = await openSpace(credentials);
    try {
      await syncOnce(store, open, () => new Date());
    } finally {
      await open.server.close();
    }
  }
  store.close();
} else if (mode === 'hang-push') {
  const open = await openSpace(credentials);
  await syncOnce(store, open, () => new Date(), {
    beforeCommit: async () => {
      process.stdout.write('holding\n');
      await new Promise(() => undefined);
    },
  });
} else if (mode === 'sync') {
  const open = await openSpace(credentials);
  process.stdout.write('syncing\n');
  await syncOnce(store, open, () => new Date());
  await open.server.close();
  store.close();
  process.stdout.write('done\n');
} else {
  throw new Error(`unknown mode ${mode}`);
}
