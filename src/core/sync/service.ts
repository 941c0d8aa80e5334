import type { Store } from '../db/store';
import { UserError } from '../errors';
import { listConflicts } from './conflict-list';
import type { CredentialSource, SyncResult, SyncStatus } from './contract';
import { deriveKey, type SyncKey } from './crypto';
import { openSpace, syncOnce, type Credentials } from './engine';
import { localState, pendingCount } from './local';
import { redactUrl, SyncServer, type SslMode } from './server';

/**
 * The sync of one open workspace: its credentials (in memory only: never in the workspace file), one
 * sync at a time, and the automatic sync every few minutes while connected. Without sync.connect, the
 * environment (PAIRWISE_SYNC_URL, PAIRWISE_SYNC_PASSPHRASE, optional PAIRWISE_SYNC_SPACE and
 * PAIRWISE_SYNC_SSLMODE) supplies them, as the CLI and the web bridge use it.
 */
export class SyncService {
  private connected: Credentials | undefined;
  private running: Promise<SyncResult> | undefined;
  private lastError: string | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** scrypt is deliberately slow: derive once per passphrase and salt, not on every sync. */
  private readonly keys = new Map<string, SyncKey>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private credentials(): { credentials: Credentials; source: CredentialSource } | undefined {
    if (this.connected) return { credentials: this.connected, source: 'connect' };
    const url = this.env.PAIRWISE_SYNC_URL;
    const passphrase = this.env.PAIRWISE_SYNC_PASSPHRASE;
    if (!url || !passphrase) return undefined;
    const sslmode = this.env.PAIRWISE_SYNC_SSLMODE as SslMode | undefined;
    return { credentials: { url, passphrase, space: this.env.PAIRWISE_SYNC_SPACE || undefined, sslmode: sslmode || undefined }, source: 'environment' };
  }

  private derive = async (passphrase: string, salt: Buffer): Promise<SyncKey> => {
    const id = `${salt.toString('hex')}\0${passphrase}`;
    let key = this.keys.get(id);
    if (!key) this.keys.set(id, (key = await deriveKey(passphrase, salt)));
    return key;
  };

  /** Checks the server and the passphrase (creating the space on first use) before keeping anything. */
  async connect(credentials: Credentials, options: { restore?: boolean } = {}): Promise<SyncStatus> {
    if (options.restore) {
      this.connected = credentials;
      this.startAutoSync();
      return this.status();
    }
    const open = await openSpace(credentials, this.derive);
    await open.server.close();
    this.connected = credentials;
    this.lastError = null;
    this.startAutoSync();
    return this.status({ reachable: true });
  }

  disconnect(): Promise<SyncStatus> {
    this.connected = undefined;
    this.keys.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return this.status();
  }

  private autoSyncMinutes(): number {
    const seconds = Number(this.env.PAIRWISE_SYNC_INTERVAL_SECONDS ?? 300);
    return Number.isFinite(seconds) && seconds > 0 ? seconds / 60 : 5;
  }

  /** Every few minutes while connected; a failure (offline) is kept for the status, and the next tick tries again. */
  startAutoSync(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.syncNow().catch(() => undefined), this.autoSyncMinutes() * 60_000);
    this.timer.unref?.();
  }

  async status(probe: { reachable?: boolean } = {}): Promise<SyncStatus> {
    const current = this.credentials();
    let reachable: boolean | null = null;
    if (current) {
      reachable = probe.reachable ?? (await this.ping(current.credentials));
    }
    const state = localState(this.store);
    return {
      connected: current !== undefined,
      source: current?.source ?? null,
      server: current ? redactUrl(current.credentials.url) : null,
      space: current ? (current.credentials.space ?? 'default') : null,
      reachable,
      lastSyncAt: state.lastSyncAt,
      pendingChanges: pendingCount(this.store),
      openConflicts: listConflicts(this.store, false).length,
      lastError: this.lastError,
      syncing: this.running !== undefined,
      autoSyncMinutes: current ? this.autoSyncMinutes() : null,
    };
  }

  private async ping(credentials: Credentials): Promise<boolean> {
    try {
      const server = await SyncServer.connect({ ...credentials, connectTimeoutMs: 3000 });
      await server.close();
      return true;
    } catch {
      return false;
    }
  }

  /** One sync at a time: a second call while one runs waits for it and returns its result. */
  syncNow(): Promise<SyncResult> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<SyncResult> {
    const current = this.credentials();
    if (!current) {
      throw new UserError('Sync is not set up: connect to a server in Settings > Sync (or set PAIRWISE_SYNC_URL and PAIRWISE_SYNC_PASSPHRASE)');
    }
    try {
      const open = await openSpace(current.credentials, this.derive);
      try {
        const report = await syncOnce(this.store, open, this.now);
        this.lastError = null;
        return {
          pushedChanges: report.pushedChanges,
          pulledMessages: report.pulledMessages,
          appliedRows: report.applied.applied,
          mergedDuplicates: report.applied.merged,
          newConflicts: report.applied.conflicts,
          bytesUp: report.bytesUp,
          bytesDown: report.bytesDown,
          status: await this.statusAfterSync(),
        };
      } finally {
        await open.server.close();
      }
    } catch (error) {
      this.lastError = error instanceof UserError ? error.message : `Sync failed: ${(error as Error).message}`;
      if (error instanceof UserError) throw error;
      throw new UserError(this.lastError);
    }
  }

  private async statusAfterSync(): Promise<SyncStatus> {
    const running = this.running;
    this.running = undefined;
    try {
      return await this.status({ reachable: true });
    } finally {
      this.running = running;
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
