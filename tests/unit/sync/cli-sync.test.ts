import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli-run';
import { tempDir } from '../temp';
import { usePg } from './pg-server';

const server = usePg();
afterEach(() => {
  delete process.env.PAIRWISE_SYNC_PASSPHRASE;
  delete process.env.PAIRWISE_SYNC_URL;
});

describe('pairwise sync', () => {
  it('now pushes one workspace and pulls it into another; status and conflicts report; nothing secret lands in the file', async () => {
    const url = await server.database();
    const dir = tempDir();
    const [a, b] = [join(dir, 'a.sqlite'), join(dir, 'b.sqlite')];
    const csv = join(dir, 'people.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(csv, 'Name,Email,Role,Capacity\nAna Ruiz,ana@example.org,Mentor,2\nBen Li,ben@example.org,Mentee,\n');
    expect((await cli('import', csv, '--program', 'Mentoring', '--cohort', 'Spring', '--db', a)).code).toBe(0);

    expect(await cli('sync', 'now', '--db', a)).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --server') });
    process.env.PAIRWISE_SYNC_PASSPHRASE = 'a long program passphrase';
    const pushed = await cli('sync', 'now', '--db', a, '--server', url);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toMatch(/^Pushed \d+ changes/);

    process.env.PAIRWISE_SYNC_URL = url;
    const pulled = await cli('sync', 'now', '--db', b);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toMatch(/pulled 1 message/);
    const people = await cli('people', '--cohort', 'Spring', '--db', b, '--json');
    expect((JSON.parse(people.stdout) as Record<string, unknown>[]).map((p) => p.name ?? p.fullName).sort()).toEqual(['Ana Ruiz', 'Ben Li']);

    const status = await cli('sync', 'status', '--db', b);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('reachable');
    expect(status.stdout).toContain('Changes waiting to be pushed: 0');
    expect(status.stdout).not.toContain('test-password');
    expect((await cli('sync', 'conflicts', '--db', b)).stdout).toBe('No conflicts to review.');

    process.env.PAIRWISE_SYNC_PASSPHRASE = 'not the passphrase';
    const wrong = await cli('sync', 'now', '--db', b);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/passphrase does not open/);

    for (const file of [a, b]) {
      const bytes = readFileSync(file).toString('latin1') + readFileSync(`${file}-wal`, { flag: 'a+' }).toString('latin1');
      expect(bytes).not.toContain('a long program passphrase');
      expect(bytes).not.toContain('test-password');
      expect(bytes).not.toContain('127.0.0.1');
    }
  }, 90_000);

  it('refuses a bad sub-command or ssl mode with usage (exit 2)', async () => {
    expect((await cli('sync', 'push')).code).toBe(2);
    process.env.PAIRWISE_SYNC_PASSPHRASE = 'whatever passphrase';
    expect((await cli('sync', 'status', '--server', 'postgres://x@127.0.0.1:1/db', '--sslmode', 'sometimes')).code).toBe(2);
  });
});
