/** Hash routes keep the app a single file:// page in Electron and a single URL on the web bridge. */
export function navigate(path: string): void {
  window.location.hash = `/${path}`;
}
