import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStore } from '../../src/core/db/open';
import type { Store } from '../../src/core/db/store';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A fresh folder for this test, removed after it. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real SQLite file in a temp folder, closed after the test. */
export async function tempStore(name = 'workspace.sqlite'): Promise<Store> {
  const store = await openStore(join(tempDir(), name));
  cleanups.unshift(() => store.close());
  return store;
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
