import { describe, expect, it } from 'vitest';
import { addMember } from '../../../src/core/participants/roster';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import { SyncService } from '../../../src/core/sync/service';
import { tempStore } from '../temp';
import { usePg } from './pg-server';

const server = usePg();

const until = async (check: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the sync service', () => {
  it('syncs by itself every interval while connected, and stops when disconnected', async () => {
    const url = await server.database();
    const store = await tempStore();
    const cohort = ensureProgramAndCohort(store, 'Mentoring', 'Spring');
    addMember(store, cohort.id, { fullName: 'Ana Ruiz', email: 'ana@example.org', role: 'Mentor', capacity: 1 });
    const service = new SyncService(store, () => new Date(), { PAIRWISE_SYNC_INTERVAL_SECONDS: '0.3' });
    try {
      const connected = await service.connect({ url, passphrase: 'interval passphrase' });
      expect(connected).toMatchObject({ connected: true, source: 'connect', reachable: true, lastSyncAt: null, autoSyncMinutes: 0.005 });
      expect(connected.pendingChanges).toBeGreaterThan(0);
      expect(connected.server).not.toContain('test-password');
      await until(() => store.sqlite.prepare("SELECT 1 FROM meta WHERE key = 'sync.last_sync_at'").get() !== undefined, 5000);
      const synced = await service.status();
      expect(synced.lastSyncAt).not.toBeNull();
      expect(synced.pendingChanges).toBe(0);
      const off = await service.disconnect();
      expect(off).toMatchObject({ connected: false, server: null, reachable: null });
      await expect(service.syncNow()).rejects.toThrow(/Sync is not set up/);
    } finally {
      service.close();
    }
  }, 60_000);

  it('keeps restored credentials while the server is unreachable and says so; an unreachable sync fails with a message', async () => {
    const store = await tempStore();
    const service = new SyncService(store, () => new Date(), {});
    try {
      const status = await service.connect({ url: 'postgres://nobody:secret@127.0.0.1:1/none', passphrase: 'restored passphrase' }, { restore: true });
      expect(status).toMatchObject({ connected: true, reachable: false, server: 'postgres://nobody:***@127.0.0.1:1/none' });
      await expect(service.syncNow()).rejects.toThrow(/Cannot reach the sync server postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
      expect((await service.status()).lastError).toMatch(/Cannot reach/);
    } finally {
      service.close();
    }
  }, 60_000);

  it('takes the server and passphrase from the environment when not connected', async () => {
    const url = await server.database();
    const store = await tempStore();
    const service = new SyncService(store, () => new Date(), { PAIRWISE_SYNC_URL: url, PAIRWISE_SYNC_PASSPHRASE: 'environment passphrase', PAIRWISE_SYNC_SPACE: 'env-space' });
    try {
      expect(await service.status()).toMatchObject({ connected: true, source: 'environment', space: 'env-space', reachable: true });
      const result = await service.syncNow();
      expect(result.status.lastSyncAt).not.toBeNull();
    } finally {
      service.close();
    }
  }, 60_000);
});
