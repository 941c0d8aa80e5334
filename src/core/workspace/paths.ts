import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The OS application-data folder Pairwise keeps its workspace in, matching what Electron's
 * app.getPath('userData') gives for an app named "Pairwise", so the CLI, the web bridge and the
 * desktop app open the same file by default.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Pairwise');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Pairwise');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Pairwise');
}

export function defaultDatabasePath(): string {
  return join(appDataDir(), 'pairwise.sqlite');
}
