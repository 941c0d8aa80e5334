import pg from 'pg';
import { UserError } from '../errors';
import type { SealedMessage } from './messages';

/**
 * The PostgreSQL side: an append-only log of sealed messages per space, and the space's salt and
 * verifier. Nothing else is stored there, and nothing in it names a person: ids, clocks, sizes, ciphertext.
 *
 * The cursor (why a pull never misses a message): a push takes a transaction-scoped advisory lock on its
 * space before its rows draw their `seq` from the sequence, and holds it until it commits. So within a
 * space, seq order is commit order: a transaction can only draw a seq after every earlier holder of
 * the lock has committed (or rolled back). A reader that sees seq N therefore sees every committed
 * seq < N of the space, and `seq > cursor` can never step over a row that commits later. (Without the
 * lock, pusher A could draw 5, pusher B draw 6 and commit, a reader advance its cursor to 6, then A
 * commit 5 behind it: the classic gap.) Pulls take no lock; pushes to one space queue on it for the
 * few milliseconds of one INSERT.
 */

export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

export interface ServerOptions {
  url: string;
  sslmode?: SslMode;
  /** Fail a connection attempt after this long (default 10 s). */
  connectTimeoutMs?: number;
}

export interface SpaceRecord {
  salt: Buffer;
  verifier: Buffer;
}

export interface PulledMessage {
  seq: number;
  id: string;
  clientId: string;
  body: Buffer;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS pairwise_sync_spaces (
    space text PRIMARY KEY,
    kdf text NOT NULL,
    salt bytea NOT NULL,
    verifier bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS pairwise_sync_messages (
    seq bigserial PRIMARY KEY,
    space text NOT NULL REFERENCES pairwise_sync_spaces(space),
    id text NOT NULL,
    client_id text NOT NULL,
    hlc_max text NOT NULL,
    change_count integer NOT NULL,
    body bytea NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (space, id)
  );
  CREATE INDEX IF NOT EXISTS pairwise_sync_messages_space_seq ON pairwise_sync_messages (space, seq);
  CREATE OR REPLACE FUNCTION pairwise_sync_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'pairwise_sync_messages is append-only'; END $$;
  DROP TRIGGER IF EXISTS pairwise_sync_messages_append_only ON pairwise_sync_messages;
  CREATE TRIGGER pairwise_sync_messages_append_only BEFORE UPDATE OR DELETE ON pairwise_sync_messages
    FOR EACH ROW EXECUTE FUNCTION pairwise_sync_append_only();
`;

/** Lock keys: one for creating the schema, one per space for pushes (hashtext of the space name). */
const SCHEMA_LOCK = 0x5041_4952; // "PAIR"

/** Fault injection for the cursor and crash tests: hold a push's transaction open (or die in it) before it commits. */
export interface PushFaults {
  beforeCommit?: () => Promise<void>;
  /** Rearranges (shuffles, duplicates) a pulled page's changes before they are applied: order-independence tests. */
  deliver?: <T>(changes: T[]) => T[];
  /** Runs inside each pulled page's local transaction before it commits (pages counted from 1): a throw there rolls the page back, as a crash would. */
  pageApplied?: (page: number) => void;
}

export class ServerUnreachableError extends UserError {}

/** The URL with the password blanked: what status shows and errors may quote. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unreadable server address';
  }
}

export function connectionString(options: ServerOptions): string {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new UserError('The server address is not a PostgreSQL URL (postgres://user:password@host:5432/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UserError('The server address is not a PostgreSQL URL (postgres://user:password@host:5432/database)');
  }
  if (options.sslmode) parsed.searchParams.set('sslmode', options.sslmode);
  return parsed.toString();
}

export class SyncServer {
  private constructor(
    private readonly client: pg.Client,
    readonly label: string,
  ) {}

  static async connect(options: ServerOptions): Promise<SyncServer> {
    const client = new pg.Client({ connectionString: connectionString(options), connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 });
    // An idle connection the server drops must not crash the process: the next call reports it instead.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw new ServerUnreachableError(`Cannot reach the sync server ${redactUrl(options.url)}: ${(error as Error).message}`);
    }
    return new SyncServer(client, redactUrl(options.url));
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  async ensureSchema(): Promise<void> {
    // Two replicas connecting to a new server at once would race CREATE ... IF NOT EXISTS: serialise them.
    await this.inTransaction(async () => {
      await this.client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await this.client.query(SCHEMA);
    });
  }

  /** The space's salt and verifier, created with the given ones when the space is new (the first replica to connect wins). */
  async space(space: string, create: () => Promise<SpaceRecord>): Promise<SpaceRecord & { created: boolean }> {
    const read = async () =>
      (await this.client.query<{ salt: Buffer; verifier: Buffer }>('SELECT salt, verifier FROM pairwise_sync_spaces WHERE space = $1', [space])).rows[0];
    const existing = await read();
    if (existing) return { ...existing, created: false };
    const fresh = await create();
    const inserted = await this.client.query(
      "INSERT INTO pairwise_sync_spaces (space, kdf, salt, verifier) VALUES ($1, 'scrypt-n32768-r8-p1/aes-256-gcm', $2, $3) ON CONFLICT (space) DO NOTHING",
      [space, fresh.salt, fresh.verifier],
    );
    if (inserted.rowCount === 1) return { ...fresh, created: true };
    return { ...(await read())!, created: false };
  }

  /** Appends messages in one transaction under the space's lock (see the header); ones the server already has are skipped. */
  async push(space: string, messages: readonly SealedMessage[], faults?: PushFaults): Promise<number> {
    if (messages.length === 0) return 0;
    return this.inTransaction(async () => {
      await this.client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pairwise-sync:${space}`]);
      const values: unknown[] = [space];
      const rows = messages.map((m, i) => {
        values.push(m.id, m.clientId, m.hlcMax, m.count, m.body);
        const b = 2 + i * 5;
        return `($1, $${b}, $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4})`;
      });
      const result = await this.client.query(
        `INSERT INTO pairwise_sync_messages (space, id, client_id, hlc_max, change_count, body) VALUES ${rows.join(', ')} ON CONFLICT (space, id) DO NOTHING`,
        values,
      );
      await faults?.beforeCommit?.();
      return result.rowCount ?? 0;
    });
  }

  async pull(space: string, after: number, limit: number): Promise<PulledMessage[]> {
    const result = await this.client.query<{ seq: string; id: string; client_id: string; body: Buffer }>(
      'SELECT seq, id, client_id, body FROM pairwise_sync_messages WHERE space = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [space, after, limit],
    );
    return result.rows.map((r) => ({ seq: Number(r.seq), id: r.id, clientId: r.client_id, body: r.body }));
  }

  /** How many changes the space holds after `after` that other replicas pushed (message headers only): how big a pull will be. */
  async backlog(space: string, after: number, ownClientId: string): Promise<number> {
    const result = await this.client.query<{ n: string }>(
      'SELECT coalesce(sum(change_count), 0) AS n FROM pairwise_sync_messages WHERE space = $1 AND seq > $2 AND client_id <> $3',
      [space, after, ownClientId],
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  /** The newest seq of the space: how far behind a replica is, without reading any message. */
  async head(space: string): Promise<number> {
    const result = await this.client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM pairwise_sync_messages WHERE space = $1', [space]);
    return Number(result.rows[0]?.seq ?? 0);
  }

  private async inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
      const result = await fn();
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
