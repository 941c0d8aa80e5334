import { app, safeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallResult } from '../core/api/contract';

/**
 * The sync server address and program passphrase, kept for the next start with Electron's safeStorage
 * (the OS keychain / DPAPI / libsecret key encrypts them) in the app-data folder, keyed by workspace
 * file: never in the workspace itself, never in plain text. The core host only ever holds them in memory.
 */

interface SavedCredentials {
  url: string;
  passphrase: string;
  space?: string;
  sslmode?: string;
}

const secretsFile = () => join(app.getPath('userData'), 'sync-secrets.json');

function readAll(): Record<string, string> {
  try {
    if (!existsSync(secretsFile())) return {};
    const parsed = JSON.parse(readFileSync(secretsFile(), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function writeAll(all: Record<string, string>): void {
  writeFileSync(secretsFile(), JSON.stringify(all, null, 2), { mode: 0o600 });
}

function save(workspace: string, credentials: SavedCredentials): void {
  // Without an OS key (some Linux desktops), keep nothing: the coordinator connects again next time.
  if (!safeStorage.isEncryptionAvailable()) return;
  const all = readAll();
  all[workspace] = safeStorage.encryptString(JSON.stringify(credentials)).toString('base64');
  writeAll(all);
}

function forget(workspace: string): void {
  const all = readAll();
  if (!(workspace in all)) return;
  delete all[workspace];
  writeAll(all);
}

function load(workspace: string): SavedCredentials | undefined {
  const sealed = readAll()[workspace];
  if (!sealed || !safeStorage.isEncryptionAvailable()) return undefined;
  try {
    const parsed = JSON.parse(safeStorage.decryptString(Buffer.from(sealed, 'base64'))) as Partial<SavedCredentials>;
    if (typeof parsed.url !== 'string' || typeof parsed.passphrase !== 'string') return undefined;
    return { url: parsed.url, passphrase: parsed.passphrase, space: parsed.space, sslmode: parsed.sslmode };
  } catch {
    return undefined;
  }
}

type Call = (method: string, input: unknown) => Promise<CallResult>;

/** Relays a renderer call; a successful sync.connect is remembered, sync.disconnect forgets. */
export async function relayWithSyncSecrets(workspace: string, call: Call, method: string, input: unknown): Promise<CallResult> {
  const result = await call(method, input);
  if (result.ok && method === 'sync.connect' && input && typeof input === 'object') {
    const { url, passphrase, space, sslmode } = input as Partial<SavedCredentials>;
    if (typeof url === 'string' && typeof passphrase === 'string') save(workspace, { url, passphrase, space, sslmode });
  }
  if (result.ok && method === 'sync.disconnect') forget(workspace);
  return result;
}

/** On opening a workspace: hand its saved credentials to the new core host (kept even while offline; the next sync checks them). */
export async function restoreSyncSecrets(workspace: string, call: Call): Promise<void> {
  const saved = load(workspace);
  if (saved) await call('sync.connect', { ...saved, restore: true });
}
