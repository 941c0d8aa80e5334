import { app, BrowserWindow, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CSP_HEADER_VALUES } from '../web/csp';
import { isAllowedExternalUrl } from './external-links';
import { chooseRendererUrl, isOwnUrl } from './navigation';

const here = import.meta.dirname;

/** The renderer's origin: the dev server in `electron-vite dev` (never in a packaged app), the built file otherwise. */
export function rendererUrl(): string {
  return chooseRendererUrl({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    indexFileUrl: pathToFileURL(join(here, '../renderer/index.html')).href,
  });
}

const isOwn = (url: string) => isOwnUrl(url, rendererUrl());

/**
 * Only our window's main frame, showing our own page, may call the core: not a subframe (the app has none,
 * and the CSP forbids them), not another window, not a page the window was somehow navigated to.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  const main = window.webContents.mainFrame;
  if (!frame || frame.parent !== null) return false;
  const isMainFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
  return isMainFrame && frame.url !== '' && isOwn(frame.url);
}

function openExternally(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  else console.warn(`[pairwise] refused to open ${url}: not an https link to a host in src/main/external-links.ts`);
}

/**
 * No navigation away from the app, in the main frame or any subframe, by link, script or server redirect;
 * no new windows (links on the allow-list open in the browser); no <webview>. Applied to every WebContents
 * the app creates (src/main/index.ts), not only the main window's.
 */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isOwn(event.url)) event.preventDefault();
  });
  // Every frame, the main one included: a subframe must not load another page either.
  contents.on('will-frame-navigate', (event) => {
    if (!isOwn(event.url)) event.preventDefault();
  });
  // A server redirect (the dev server, a future custom protocol) is checked like the navigation it ends.
  contents.on('will-redirect', (event) => {
    if (!isOwn(event.url)) event.preventDefault();
  });
  // Navigations started outside the page (not cancellable here) are logged, so that one is never silent.
  contents.on('did-start-navigation', (event) => {
    if (!event.isSameDocument && !isOwn(event.url)) console.warn(`[pairwise] a ${event.isMainFrame ? 'window' : 'frame'} started loading ${event.url}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createMainWindow(): BrowserWindow {
  // The file:// build carries the same policy in its meta tag (src/web/csp.ts); this header covers the dev server.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [...CSP_HEADER_VALUES] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

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
      // No DevTools in a packaged app: no menu item, no shortcut, and this closes the door itself.
      devTools: !app.isPackaged,
      // A middle click would open a link in a new window: refused anyway, so not offered.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl());
  return window;
}
