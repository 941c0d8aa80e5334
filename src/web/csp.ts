/**
 * The renderer's Content-Security-Policy, defined once. The web bridge sends it as a header, the Electron
 * window adds it to every response it receives, and both Vite builds of the renderer (electron.vite.config.ts,
 * vite.web.config.ts) write it into index.html's meta tag through `cspHtmlPlugin`, so the file:// build, the
 * dev server and the browser build enforce the same rules. This module imports nothing: the shells (main and
 * the web bridge) and the build configs can all load it. The renderer must not import it (its room rule).
 *
 * `frame-src 'none'`: the app shows no frames, so no page can be embedded in it.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * Directives a browser ignores in a meta tag (and warns about), so they travel as a second policy in the
 * header only: no other page may frame the app. A browser enforces every policy it is given.
 */
export const HEADER_ONLY_POLICY = "frame-ancestors 'none'";

/** The Content-Security-Policy header values: the document policy above, then the header-only one. */
export const CSP_HEADER_VALUES: readonly string[] = [CONTENT_SECURITY_POLICY, HEADER_ONLY_POLICY];

/** What index.html holds where the policy goes; the build fails if it is missing. */
export const CSP_PLACEHOLDER = '__PAIRWISE_CSP__';

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Puts the policy into the meta tag of index.html (a Vite `transformIndexHtml` hook). */
export function injectCsp(html: string): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} placeholder for the Content-Security-Policy meta tag`);
  return html.split(CSP_PLACEHOLDER).join(escapeAttribute(CONTENT_SECURITY_POLICY));
}

/** A tiny Vite plugin (typed structurally, so this module imports nothing) for both renderer builds. */
export function cspHtmlPlugin(): { name: string; transformIndexHtml: (html: string) => string } {
  return { name: 'pairwise-csp', transformIndexHtml: injectCsp };
}
