import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/core/db/open';
import type { Store } from '../../../src/core/db/store';
import { removeMember, updateMember } from '../../../src/core/participants/members';
import { addMember } from '../../../src/core/participants/roster';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import { openSpace, syncOnce } from '../../../src/core/sync/engine';
import { startTestPg, type TestPg } from './pg-server';
import { snapshot } from './replicas';

let server: TestPg;
let url: string;
beforeAll(async () => {
  server = await startTestPg();
  url = await server.database();
}, 120_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

const EMAILS = ['ana@example.org', 'ben@example.org', 'cleo@example.org', 'dev@example.org', 'eli@example.org'];

const Op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), replica: fc.nat(2), email: fc.constantFrom(...EMAILS), mentor: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), replica: fc.nat(2), pick: fc.nat(), bio: fc.string({ maxLength: 12 }), capacity: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('remove' as const), replica: fc.nat(2), pick: fc.nat() }),
  // A sync whose pulled pages are shuffled and partly duplicated, after rewinding the cursor by some messages (redelivery).
  fc.record({ kind: fc.constant('sync' as const), replica: fc.nat(2), rewind: fc.nat(3), seed: fc.integer() }),
);

/** A deterministic shuffle with some changes delivered twice. */
function scramble<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  const random = () => ((state = (state * 1103515245 + 12345) >>> 0) % 1000) / 1000;
  const out = [...items, ...items.filter(() => random() < 0.2)];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const liveMembers = (store: Store) => store.sqlite.prepare('SELECT id FROM cohort_members WHERE deleted_at IS NULL ORDER BY id').all() as { id: string }[];

let runs = 0;

// Every pull the bulk way too (sync/log-memo.ts): by default only big pulls take it, which these small programs never make.
describe.each([
  { path: 'pulls as chosen', bulk: undefined },
  { path: 'every pull the bulk way', bulk: true },
])('three replicas, property-based ($path)', ({ bulk }) => {
  it('offline imports, edits and deletes, synced in random orders with rewound and scrambled deliveries, end identical', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { minLength: 4, maxLength: 18 }), async (ops) => {
        const credentials = { url, passphrase: 'property passphrase', space: `prop-${++runs}` };
        const open = await openSpace(credentials);
        const stores = await Promise.all([0, 1, 2].map(() => openStore(':memory:')));
        try {
          for (const op of ops) {
            const store = stores[op.replica]!;
            const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
            if (op.kind === 'add') {
              try {
                addMember(store, cohort.id, { fullName: op.email.split('@')[0]!, email: op.email, role: op.mentor ? 'Mentor' : 'Mentee', capacity: op.mentor ? 1 : undefined });
              } catch {
                // Already in the cohort on this replica: the app refuses it too.
              }
            } else if (op.kind === 'edit' || op.kind === 'remove') {
              const members = liveMembers(store);
              if (members.length === 0) continue;
              const member = members[op.pick % members.length]!;
              if (op.kind === 'edit') updateMember(store, member.id, { bio: op.bio, capacity: op.capacity });
              else removeMember(store, member.id);
            } else {
              const cursor = Number((store.sqlite.prepare("SELECT value FROM meta WHERE key = 'sync.cursor'").get() as { value: string } | undefined)?.value ?? 0);
              store.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('sync.cursor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(Math.max(0, cursor - op.rewind)));
              await syncOnce(store, open, () => new Date(), { deliver: (changes) => scramble(changes, op.seed) }, { bulk });
            }
          }
          // Everyone syncs until a round moves nothing.
          for (let round = 0; round < 8; round++) {
            let moved = 0;
            for (const store of stores) {
              const report = await syncOnce(store, open, () => new Date(), undefined, { bulk });
              moved += report.pushedChanges + report.applied.applied;
            }
            if (moved === 0) break;
          }
          const [first, ...rest] = stores.map(snapshot);
          for (const other of rest) expect(other).toEqual(first);
          // One person per email, one program, one cohort: duplicates made on several machines were folded.
          const people = stores[0]!.sqlite.prepare('SELECT email_key, count(*) AS n FROM people WHERE deleted_at IS NULL GROUP BY email_key HAVING n > 1').all();
          expect(people).toEqual([]);
          expect(stores[0]!.sqlite.prepare('SELECT count(*) AS n FROM programs WHERE deleted_at IS NULL').get()).toEqual({ n: 1 });
          for (const store of stores) expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
        } finally {
          stores.forEach((s) => s.close());
          await open.server.close();
        }
      }),
      {
        numRuns: 25,
        // A fixed seed, so CI is repeatable; PAIRWISE_PROPERTY_SEED explores others (how the second example was found).
        seed: Number(process.env.PAIRWISE_PROPERTY_SEED ?? 20_261_130),
        // Found by this test: a person added offline in a program another replica had meanwhile folded away (orphans.ts);
        // a person added again on one machine after their membership was removed, while another machine kept its own
        // membership (two live members of one cohort and person: merge-duplicates.ts folds them).
        examples: [
          [
            [
              { kind: 'edit', replica: 1, pick: 0, bio: '', capacity: 0 },
              { kind: 'sync', replica: 0, rewind: 0, seed: 0 },
              { kind: 'add', replica: 1, email: 'ana@example.org', mentor: false },
              { kind: 'sync', replica: 1, rewind: 0, seed: 0 },
              { kind: 'remove', replica: 0, pick: 0 },
              { kind: 'edit', replica: 0, pick: 0, bio: '', capacity: 0 },
              { kind: 'add', replica: 0, email: 'ana@example.org', mentor: false },
              { kind: 'edit', replica: 0, pick: 0, bio: '', capacity: 0 },
            ],
          ],
          [
            [
              { kind: 'add', replica: 1, email: 'eli@example.org', mentor: false },
              { kind: 'add', replica: 2, email: 'eli@example.org', mentor: false },
              { kind: 'remove', replica: 1, pick: 0 },
              { kind: 'sync', replica: 1, rewind: 0, seed: 0 },
              { kind: 'sync', replica: 0, rewind: 0, seed: 0 },
              { kind: 'sync', replica: 2, rewind: 0, seed: 0 },
              { kind: 'add', replica: 0, email: 'ana@example.org', mentor: false },
              { kind: 'add', replica: 0, email: 'eli@example.org', mentor: false },
            ],
          ],
        ],
      },
    );
  }, 300_000);
});
