import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src/core/db/hlc';
import { openSpace } from '../../../src/core/sync/engine';
import { sealMessage } from '../../../src/core/sync/messages';
import { SyncServer } from '../../../src/core/sync/server';
import pg from 'pg';
import { tempDir, tempStore } from '../temp';
import { openStore } from '../../../src/core/db/open';
import { usePg } from './pg-server';
import { snapshot, syncUntilQuiet } from './replicas';

const server = usePg();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function oneChange(clientId: string, n: number) {
  return [{ hlc: formatHlc(1_700_000_000_000 + n, 0, clientId), clientId, tbl: 'programs', rowId: `r${n}`, col: 'name', value: '"x"', erased: false }];
}

describe('the server cursor', () => {
  it('a push that drew a lower seq but commits later is never stepped over (the gap, made to happen on purpose)', async () => {
    const url = await server.database();
    const open = await openSpace({ url, passphrase: 'pw' });
    const [a, b, reader] = await Promise.all([SyncServer.connect({ url }), SyncServer.connect({ url }), SyncServer.connect({ url })]);

    // Without the lock (plain INSERTs, as a naive log would): A draws seq 1 and stalls, B draws 2 and
    // commits, a reader advances to 2, A commits: seq 1 is behind the reader's cursor for ever.
    const raw = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all(raw.map((c) => c.connect()));
    const insert = (c: pg.Client, id: string) =>
      c.query("INSERT INTO pairwise_sync_messages (space, id, client_id, hlc_max, change_count, body) VALUES ('default', $1, 'naive', '', 1, '\\x00')", [id]);
    await raw[0]!.query('BEGIN');
    await insert(raw[0]!, 'naive-first');
    await insert(raw[1]!, 'naive-second');
    const naiveSeen = await reader.pull('default', 0, 100);
    await raw[0]!.query('COMMIT');
    const naiveLater = await reader.pull('default', naiveSeen.at(-1)!.seq, 100);
    expect(naiveSeen.map((m) => m.id)).toEqual(['naive-second']);
    expect(naiveLater).toEqual([]); // lost: the hazard is real on this server
    const cursor = naiveSeen.at(-1)!.seq;
    await Promise.all(raw.map((c) => c.end()));

    // Through SyncServer.push: A holds its transaction open; B must wait for it, so no reader sees B's seq first.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let aInside!: () => void;
    const aIsInside = new Promise<void>((resolve) => (aInside = resolve));
    const pushA = a.push('default', [sealMessage(open.key, 'default', 'A', oneChange('A', 1))], {
      beforeCommit: async () => {
        aInside();
        await held;
      },
    });
    await aIsInside;
    let bDone = false;
    const pushB = b.push('default', [sealMessage(open.key, 'default', 'B', oneChange('B', 2))]).then(() => (bDone = true));
    await sleep(300);
    expect(bDone).toBe(false);
    expect(await reader.pull('default', cursor, 100)).toEqual([]);
    release();
    await Promise.all([pushA, pushB]);
    const seen = await reader.pull('default', cursor, 100);
    expect(seen.map((m) => m.clientId)).toEqual(['A', 'B']);
    await Promise.all([a.close(), b.close(), reader.close(), open.server.close()]);
  }, 60_000);

  it('many concurrent pushers and pullers: every puller receives every message once, in one order', async () => {
    const url = await server.database();
    const open = await openSpace({ url, passphrase: 'pw' });
    const PUSHERS = 8;
    const PER_PUSHER = 25;
    let pushing = true;
    const pushers = Array.from({ length: PUSHERS }, async (_, p) => {
      const connection = await SyncServer.connect({ url });
      for (let i = 0; i < PER_PUSHER; i++) {
        const message = sealMessage(open.key, 'default', `pusher${p}`, oneChange(`pusher${p}`, i));
        // A random stall inside the transaction widens the window in which a later seq could commit first.
        await connection.push('default', [message], { beforeCommit: () => sleep(Math.random() * 8) });
      }
      await connection.close();
    });
    const pullers = Array.from({ length: 4 }, async () => {
      const connection = await SyncServer.connect({ url });
      const received: string[] = [];
      let cursor = 0;
      for (;;) {
        const finished = !pushing; // read before the pull: a pull that starts after the last commit sees everything
        const page = await connection.pull('default', cursor, 7);
        for (const message of page) {
          received.push(message.id);
          cursor = message.seq;
        }
        if (page.length === 0) {
          if (finished) break;
          await sleep(Math.random() * 3);
        }
      }
      await connection.close();
      return received;
    });
    await Promise.all(pushers);
    pushing = false;
    const results = await Promise.all(pullers);
    const all = (await open.server.pull('default', 0, 10_000)).map((m) => m.id);
    expect(all).toHaveLength(PUSHERS * PER_PUSHER);
    for (const received of results) expect(received).toEqual(all);
    await open.server.close();
  }, 120_000);
});

function runWorker(...args: string[]): { done: Promise<number>; output: () => string; kill: () => void; waitFor: (text: string) => Promise<void> } {
  // node --import tsx, not the tsx launcher: SIGKILL must reach the process that holds the connection, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'replica-worker.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    listeners.forEach((l) => l());
  });
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return {
    done: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : 0)))),
    output: () => out,
    kill: () => child.kill('SIGKILL'),
    waitFor: (text) =>
      new Promise((resolve) => {
        const check = () => out.includes(text) && resolve();
        listeners.push(check);
        check();
      }),
  };
}

describe('replicas in separate processes', () => {
  it('three processes edit and sync at the same time, then all converge to the same rows', async () => {
    const url = await server.database();
    const dir = tempDir();
    const paths = ['w0', 'w1', 'w2'].map((n) => join(dir, `${n}.sqlite`));
    const workers = ['w0', 'w1', 'w2'].map((name, i) => runWorker('edit', paths[i]!, url, 'pw', name, '4'));
    const codes = await Promise.all(workers.map((w) => w.done));
    expect(codes, workers.map((w) => w.output()).join('\n')).toEqual([0, 0, 0]);
    const stores = await Promise.all(paths.map((p) => openStore(p)));
    try {
      await syncUntilQuiet(stores, { url, passphrase: 'pw' });
      const [first, ...rest] = stores.map(snapshot);
      for (const other of rest) expect(other).toEqual(first);
      const people = stores[0]!.sqlite.prepare('SELECT count(*) AS n FROM people WHERE deleted_at IS NULL').get() as { n: number };
      expect(people.n).toBe(12);
      expect(stores[0]!.sqlite.prepare('SELECT count(*) AS n FROM programs WHERE deleted_at IS NULL').get()).toEqual({ n: 1 });
    } finally {
      stores.forEach((s) => s.close());
    }
  }, 180_000);

  it('a replica killed inside its push transaction, or in the middle of a sync, loses and duplicates nothing', async () => {
    const url = await server.database();
    const dir = tempDir();
    const a = await openStore(join(dir, 'a.sqlite'));
    const { ensureProgramAndCohort } = await import('../../../src/core/programs/programs');
    const { addMember } = await import('../../../src/core/participants/roster');
    const cohort = ensureProgramAndCohort(a, 'Mentoring', 'Spring');
    for (let i = 0; i < 300; i++) addMember(a, cohort.id, { fullName: `Person ${i}`, email: `p${i}@example.org`, role: 'Mentee' });
    a.close();

    const hanging = runWorker('hang-push', join(dir, 'a.sqlite'), url, 'pw');
    await hanging.waitFor('holding');
    hanging.kill();
    await hanging.done;

    // B starts pulling A's backlog and is killed at some moment in it, three times.
    const b = join(dir, 'b.sqlite');
    const reopenedA = await openStore(join(dir, 'a.sqlite'));
    await syncUntilQuiet([reopenedA], { url, passphrase: 'pw' });
    const interrupted: boolean[] = [];
    for (const delay of [20, 150, 400]) {
      const worker = runWorker('sync', b, url, 'pw');
      await worker.waitFor('syncing');
      await sleep(delay);
      worker.kill();
      await worker.done;
      interrupted.push(!worker.output().includes('done'));
    }
    // At least the first kill landed before that sync finished (otherwise this test proves nothing).
    expect(interrupted[0]).toBe(true);
    const storeB = await openStore(b);
    try {
      await syncUntilQuiet([reopenedA, storeB], { url, passphrase: 'pw' });
      expect(snapshot(storeB)).toEqual(snapshot(reopenedA));
      expect(storeB.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      // Every change of A's is in B's log exactly once.
      const count = (s: typeof storeB) => s.sqlite.prepare('SELECT count(*) AS n, count(DISTINCT hlc) AS d FROM changes WHERE client_id = ?').get(reopenedA.clock.clientId);
      expect(count(storeB)).toEqual(count(reopenedA));
    } finally {
      storeB.close();
      reopenedA.close();
    }
  }, 180_000);
});
