import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/core/db/open';
import { LATEST_VERSION, MIGRATIONS } from '../../src/core/db/migrations';
import type { Store } from '../../src/core/db/store';

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
};

describe('schema', () => {
  // After an intended schema change (a new migration): npx vitest run -u tests/unit/schema-snapshot.test.ts
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
