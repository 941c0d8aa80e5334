import { app } from 'electron';
import electronUpdater from 'electron-updater';

/** Checks the release feed in electron-builder.yml; only a packaged app can update itself. */
export function checkForUpdates(): void {
  if (!app.isPackaged) return;
  electronUpdater.autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    console.warn('[pairwise] update check failed:', (error as Error).message);
  });
}
