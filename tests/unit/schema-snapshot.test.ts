import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/core/db/open';
import { LATEST_VERSION, MIGRATIONS } from '../../src/core/db/migrations';
import { applyFolded, foldChanges } from '../../src/core/db/replay';
import { TRACKED_TABLES } from '../../src/core/db/schema';
import type { Store } from '../../src/core/db/store';
import { tempDir, tempStore } from './temp';

/**
 * The whole schema as SQLite keeps it, table by table (the table, then its indexes), with whitespace
 * normalised (lines trimmed, runs of blanks collapsed, blank lines dropped, column lines indented by
 * two) so that a diff of the snapshot reads like a diff of the schema.
 */
function schemaText(store: Store): string {
  const objects = store.sqlite
    .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY tbl_name, type DESC, name')
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  const version = store.sqlite.pragma('user_version', { simple: true }) as number;
  const blocks = objects.map(({ type, name, tbl_name, sql }) => {
    const heading = `-- ${type} ${name} on ${tbl_name}`;
    if (sql === null) return `${heading} (made by a PRIMARY KEY or UNIQUE constraint)`;
    const text = sql
      .split('\n')
      .map((line) => line.trim().replace(/\s+/g, ' '))
      .filter((line) => line !== '')
      .map((line, i) => (i === 0 || line.startsWith(')') ? line : `  ${line}`))
      .join('\n');
    return `${heading}\n${text};`;
  });
  return [`-- user_version ${version}`, ...blocks].join('\n\n') + '\n';
}

/**
 * SHA-256 of each shipped migration's SQL text. A shipped migration never changes, not even in its
 * whitespace: databases out there already ran it. Add the hash of a new migration when it ships.
 */
const SHIPPED: Record<number, string> = {
  1: 'b516cba0d126d060d3c9d1294c703c9afb293b304d39d4d53e92b0df26fe956b',
  2: '5aade88ca4336709c1c85ee1e0e96603f87f9c5af1852303bec7170859616d73',
  3: '1b1eb6525db06ad5c834ed86a2e85b7d1ec2fa8dcfdb8f9e0827bd34a4ffaa92',
  4: '2f6ce6a0f797edef8bcc17e31ad6203428fca39acf931b6626426176ee5b523b',
  5: '2ae6d8db4e7147b44f150a78896e7938324854dc23e4438cec11e63705a8db7e',
  6: '6fc38deb1f52f39d737c39918c7f477ab86efebc55dc1939b934d413a8f31842',
  7: 'd675e26b83c020627c71c4306f33b971579ac50e446e3163db99df97148f4983',
  8: '14e5d15a4da286dbcc263acf5b2e33db8efb86c125b3c90313f3d4ae4da4733d',
  9: '0ba90897fae2ec5ee02bdfce1143d24776d054a188403fa27108362f210c4853',
  10: 'fc4e213a8b6b6c0794aa3d14573050fdfc8fe73fb332c04a91ad41307265a818',
  11: '2cfc9cd43e10903880d13845a6143bc2d8a161e910be7c2bbb375c7fcc0ee72f',
  12: 'af80970d842d80f5241e0a1b00c3432dbda244c45047c5f9be27a1f558ce2378',
  13: 'ac5d6fca0bcddb7d636b35a636d4a87e04d702c4af83b255b8bf8591044683ad',
  14: 'd6ea72602df55839c4b2a74e7d5ca44fd87f1bc3f6f34a0ba8bb8a8a4a5872cc',
  15: '7f720025a7061652b724afbed28206e4e7767767db6e94b519e58447ad7e94a5',
  16: '879f4c501b8ed6cc8d0929103b210186886ead2ea10df959706ffb21ac00fc1f',
  17: '80ee3fcdea14269b10127260b8e41d67c89c328edf2ee3602b712f40eb95cbc5',
  18: 'c5381efb1c61d6f0c0e0d41bc989ba07071eac9147ca87f69960e68b2f88ac0a',
  19: 'fb70e5a23d2fcf2bd1f3748c8747d56afe73724cdfd44ff29ff70f1a6a3b6d4a',
  20: 'cb6e1352e6ea530f0331bff8d3e9a68430140b875b1b1799603b9c4b5ea53ed3',
  21: '816c2916fc94b3461fc694ca55c737d8d1121b5c6c92ea15acfe07a7711a818c',
  22: '79a840fe4b4c4740cab1608f3ca018f780a56e68099bc97f74314ae06c1e89e9',
};

describe('schema', () => {
  // After an intended schema change (a new migration): npx vitest run tests/unit/schema-snapshot.test.ts --update
  it('a freshly migrated database has exactly the committed schema', async () => {
    const store = await openStore(':memory:');
    try {
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      await expect(schemaText(store)).toMatchFileSnapshot('./__snapshots__/schema.sql');
    } finally {
      store.close();
    }
  });

  it('migrations are numbered 1..N, one file each, named after their version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const files = readdirSync(join(__dirname, '../../src/core/db/migrations'))
      .filter((name) => /^\d{3}-.+\.ts$/.test(name))
      .sort();
    expect(files.map((name) => Number(name.slice(0, 3)))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('shipped migrations keep their SQL text byte for byte', () => {
    for (const migration of MIGRATIONS) {
      const hash = createHash('sha256').update(migration.sql).digest('hex');
      expect(hash, `migration ${migration.version} (${migration.name})`).toBe(SHIPPED[migration.version]);
    }
  });
});

type Rows = Record<string, unknown>[];
const dump = (store: Store, table: string): Rows => store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Rows;

/** The writer as version 3's tables were named: today's types know only the new names. */
interface V3Writer {
  insert(table: string, values: Record<string, unknown>): string;
  update(table: string, id: string, patch: Record<string, unknown>): number;
  remove(table: string, id: string): void;
}

/** A version-3 workspace with one of everything, written through the change-recording writer. */
async function version3Workspace(path: string): Promise<void> {
  const v3 = await openStore(path, { migrations: MIGRATIONS.slice(0, 3) });
  expect(v3.sqlite.pragma('user_version', { simple: true })).toBe(3);
  v3.transact((writer) => {
    const w = writer as unknown as V3Writer;
    const program = w.insert('programs', { name: 'Mentoring', settings: '{}', archived_at: null });
    const cohort = w.insert('cohorts', { program_id: program, name: 'Spring', start_date: '2026-03-01', archived_at: null });
    const member = (email: string, role: string, capacity: number) => {
      const person = w.insert('people', { program_id: program, email, full_name: email.split('@')[0] });
      return w.insert('cohort_members', { cohort_id: cohort, person_id: person, role, capacity, timezone: 'Europe/Berlin' });
    };
    const mentor = member('ana@example.org', 'mentor', 2);
    const mentee = member('ben@example.org', 'mentee', 0);
    const round = (name: string) =>
      w.insert('match_rounds', {
        cohort_id: cohort,
        name,
        status: 'draft',
        settings: '{}',
        result: JSON.stringify({ assignments: [{ menteeId: mentee, mentorId: mentor, score: 0.75 }] }),
        matched: 1,
        unmatched: 0,
        total_score: 0.75,
        optimal: 1,
        insights: '{}',
      });
    const published = round('Round 1');
    w.remove('match_rounds', round('Round 2'));
    const publication = w.insert('publications', { cohort_id: cohort, round_id: published, published_at: '2026-03-02T09:00:00.000Z', pair_count: 1 });
    w.insert('pairs', {
      cohort_id: cohort,
      mentee_id: mentee,
      mentor_id: mentor,
      publication_id: publication,
      status: 'active',
      score: 0.75,
      started_at: '2026-03-02T09:00:00.000Z',
      ended_at: null,
    });
    w.update('match_rounds', published, { status: 'published' });
  });
  v3.close();
}

describe('migration 4: runs, matching settings and edits', () => {
  it('upgrades a version-3 workspace with its data intact under the new names', async () => {
    const dir = tempDir();
    const path = join(dir, 'workspace.sqlite');
    await version3Workspace(path);
    const before = await openStore(path, { migrations: MIGRATIONS.slice(0, 3) });
    const old = Object.fromEntries(
      ['programs', 'cohorts', 'people', 'cohort_members', 'match_rounds', 'publications', 'pairs'].map((t) => [t, dump(before, t)]),
    );
    const oldChanges = before.sqlite.prepare('SELECT * FROM changes ORDER BY seq').all() as Record<string, unknown>[];
    before.close();
    expect(old.match_rounds).toHaveLength(2);
    expect(oldChanges.filter((c) => c.tbl === 'match_rounds').length).toBeGreaterThan(0);
    expect(oldChanges.filter((c) => c.col === 'round_id')).toHaveLength(1);

    // Migration 4 alone: later ones (folded keys, 5) have tests of their own.
    const store = await openStore(path, { migrations: MIGRATIONS.slice(0, 4), backupPath: () => join(dir, 'v3.backup.sqlite') });
    try {
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(4);
      for (const table of ['programs', 'people', 'cohort_members', 'pairs']) expect(dump(store, table), table).toEqual(old[table]);
      expect(dump(store, 'cohorts')).toEqual(old.cohorts!.map((row) => ({ ...row, matching_settings: null })));
      expect(dump(store, 'match_runs')).toEqual(old.match_rounds);
      expect(dump(store, 'publications')).toEqual(old.publications!.map(({ round_id, ...row }) => ({ ...row, run_id: round_id })));
      expect(dump(store, 'matching_edits')).toEqual([]);

      // No trace of the old names in the schema; the publication's foreign key follows the renamed table.
      const stale = store.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE name LIKE '%round%' OR sql LIKE '%round%'")
        .all();
      expect(stale).toEqual([]);
      expect(store.sqlite.pragma('foreign_key_list(publications)')).toContainEqual(
        expect.objectContaining({ table: 'match_runs', from: 'run_id', to: 'id' }),
      );
      expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

      // The change log keeps every row and stamp, under the new names.
      const rename = (c: Record<string, unknown>) => ({
        ...c,
        tbl: c.tbl === 'match_rounds' ? 'match_runs' : c.tbl,
        col: c.tbl === 'publications' && c.col === 'round_id' ? 'run_id' : c.col,
      });
      expect(store.sqlite.prepare('SELECT * FROM changes ORDER BY seq').all()).toEqual(oldChanges.map(rename));
    } finally {
      store.close();
    }
  });

  it('after the upgrade, replaying the change log rebuilds every table, new ones included', async () => {
    const dir = tempDir();
    const path = join(dir, 'workspace.sqlite');
    await version3Workspace(path);
    const store = await openStore(path, { backupPath: () => join(dir, 'v3.backup.sqlite') });
    try {
      const cohort = dump(store, 'cohorts')[0]!.id as string;
      const [run] = dump(store, 'match_runs');
      const [pair] = dump(store, 'pairs');
      store.transact((w) => {
        w.update('cohorts', cohort, { matching_settings: JSON.stringify({ rules: {} }) });
        w.update('match_runs', run!.id as string, { name: 'Run 1' });
        w.insert('matching_edits', {
          cohort_id: cohort,
          position: 1,
          kind: 'lock',
          mentee_id: pair!.mentee_id as string,
          mentor_id: pair!.mentor_id as string,
          capacity: null,
          payload: null,
          undone: 0,
        });
        w.insert('sessions', {
          pair_id: pair!.id as string,
          cohort_id: cohort,
          starts_at: '2027-03-14T13:00:00Z',
          entered_in: 'mentee',
          duration_minutes: 60,
          format: 'video',
          status: 'planned',
          notes: '',
          topics: '[]',
        });
        w.insert('report_snapshots', { cohort_id: cohort, made_at: '2027-03-15T09:00:00Z', period_from: null, period_to: null, figures: '{}' });
        w.insert('checkins', {
          pair_id: pair!.id as string,
          cohort_id: cohort,
          respondent_member_id: pair!.mentee_id as string,
          respondent_role: 'mentee',
          met: 1,
          times_met: 2,
          last_met_on: '2027-03-14',
          goal_progress: null,
          comments: '',
          submitted_at: null,
          file_name: 'check-in.csv',
          file_line: 2,
        });
        w.insert('reminder_templates', { program_id: dump(store, 'programs')[0]!.id as string, kind: 'nudge', subject: 'Hi', body: '{menteeName}' });
        w.insert('mail_settings', { host: null, port: null, secure: 0, username: null, from_address: 'team@example.org', from_name: 'Team' });
        const template = w.insert('goal_templates', { program_id: dump(store, 'programs')[0]!.id as string, title: 'Plan', target_offset_days: 90, milestones: '[]' });
        const goal = w.insert('goals', {
          pair_id: pair!.id as string,
          cohort_id: cohort,
          scope: 'mentee',
          title: 'Plan',
          target_date: '2027-06-01',
          progress: null,
          status: 'open',
          progress_changed_at: '2027-03-15T09:00:00Z',
          template_id: template,
        });
        w.insert('goal_milestones', { goal_id: goal, position: 0, title: 'Draft', target_date: null, done: 0, done_at: null });
        const survey = w.insert('surveys', {
          cohort_id: cohort,
          title: 'Mid-point',
          anonymous: 1,
          roles: '["mentee"]',
          group_by: '[]',
          min_group_size: 5,
          questions: '[]',
          small_groups: '{}',
          closed_at: null,
          imported_at: null,
        });
        w.withOneStamp(() => w.insert('survey_responses', { survey_id: survey, person_id: null, role: null, department: null, team: null, answers: '{}' }));
        w.insert('sync_conflicts', {
          kind: 'capacity',
          cohort_id: cohort,
          subject_id: dump(store, 'cohort_members')[0]!.id as string,
          pair_ids: JSON.stringify([pair!.id]),
          detail: 'Merged work gave this mentor 2 active pairs for a capacity of 1.',
          detected_at: '2027-03-15T09:00:00Z',
          reviewed_at: null,
        });
        w.insert('pair_ratings', {
          pair_id: pair!.id as string,
          cohort_id: cohort,
          person_id: dump(store, 'people')[0]!.id as string,
          side: 'mentee',
          match_rating: 4,
          session_rating: null,
          would_recommend: 1,
          comment: '',
          rated_at: '2027-03-15T09:00:00Z',
        });
        w.insert('reminders_sent', {
          cohort_id: cohort,
          pair_id: pair!.id as string,
          key: `nudge:${pair!.id as string}`,
          kind: 'nudge',
          via: 'smtp',
          sent_at: '2027-03-15T09:00:00Z',
        });
        w.insert('learned_models', {
          program_id: dump(store, 'programs')[0]!.id as string,
          version: 1,
          trained_at: '2027-03-15T09:00:00Z',
          intercept: -0.5,
          coefficients: '{"content":0,"language":1,"seniority":0.5,"department":0,"availability":2}',
          evaluation: '{}',
          summary: 'Availability overlap mattered most.',
          pairs: 60,
          cohorts: 2,
        });
      });

      const changes = store.sqlite.prepare('SELECT hlc, tbl, row_id, col, value FROM changes').all() as Parameters<typeof foldChanges>[0];
      const replica = await tempStore('replica.sqlite');
      applyFolded(replica, foldChanges(changes));
      for (const table of TRACKED_TABLES) {
        expect(dump(replica, table), table).toEqual(dump(store, table));
        expect(dump(store, table).length, table).toBeGreaterThan(0);
      }
    } finally {
      store.close();
    }
  });
});
