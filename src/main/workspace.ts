import { app } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Remembers which workspace file was open last, in the app-data folder. */
const settingsFile = () => join(app.getPath('userData'), 'window-settings.json');

export function lastWorkspacePath(): string {
  try {
    const saved = JSON.parse(readFileSync(settingsFile(), 'utf8')) as { workspace?: unknown };
    if (typeof saved.workspace === 'string' && existsSync(saved.workspace)) return saved.workspace;
  } catch {
    // first run or unreadable settings: fall back to the default file
  }
  return join(app.getPath('userData'), 'pairwise.sqlite');
}

export function rememberWorkspacePath(path: string): void {
  writeFileSync(settingsFile(), JSON.stringify({ workspace: path }, null, 2));
}
