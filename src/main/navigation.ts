/**
 * Which URLs are the app's own, decided without Electron so that tests/unit can check it. The window
 * (./window.ts) refuses navigation anywhere else, in any frame and after any redirect, and the IPC relay
 * answers only the main frame showing one of these URLs.
 */

/**
 * The renderer's URL: `electron-vite dev` hands its dev server in ELECTRON_RENDERER_URL; a packaged app
 * ignores that variable (anyone who can set the environment must not point the app at another page).
 */
export function chooseRendererUrl(options: { isPackaged: boolean; devServerUrl: string | undefined; indexFileUrl: string }): string {
  return !options.isPackaged && options.devServerUrl ? options.devServerUrl : options.indexFileUrl;
}

/**
 * True when `url` is the app itself: for the built file, a `file:` URL with the same host (empty: a UNC
 * `file://server/share/…` is another machine) and the same path; for the dev server, the same origin.
 */
export function isOwnUrl(url: string, rendererUrl: string): boolean {
  let own: URL;
  let target: URL;
  try {
    own = new URL(rendererUrl);
    target = new URL(url);
  } catch {
    return false;
  }
  if (own.protocol === 'file:') return target.protocol === 'file:' && target.host === own.host && target.pathname === own.pathname;
  return target.origin === own.origin;
}
