import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../web/server';

const here = import.meta.dirname;

/** The renderer's origin: the dev server in `electron-vite dev`, the built file otherwise. */
export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? new URL(`file://${join(here, '../renderer/index.html')}`).href;
}

function isOwnUrl(url: string): boolean {
  const own = new URL(rendererUrl());
  const target = new URL(url);
  return own.protocol === 'file:' ? target.protocol === 'file:' && target.pathname === own.pathname : target.origin === own.origin;
}

export function isTrustedFrame(frameUrl: string | undefined): boolean {
  return frameUrl !== undefined && frameUrl !== '' && isOwnUrl(frameUrl);
}

/** No navigation away from the app and no new windows; links to the web open in the browser. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createMainWindow(): BrowserWindow {
  // The file:// build carries its CSP in a meta tag; this header covers the dev server too.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Pairwise',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  lockDown(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl());
  return window;
}
