/**
 * The only places a link in the app may open, in the system browser. Pairwise shows coordinators' data and
 * has no business sending them anywhere else: a link that reached the window through imported data (a
 * participant's bio, a crafted file) or a compromised dependency could otherwise hand any URL to the OS,
 * which opens it with whatever program claims the scheme (`file:`, `smb:`, custom protocol handlers). So:
 * https only, and only these hosts (exactly, no subdomains); everything else is denied and logged.
 * Add a host here, with a reason, when the app starts linking to it.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  // The project's documentation (a placeholder, like the update feed in electron-builder.yml, until it is published).
  'docs.pairwise.invalid',
];

/** True when `url` may be opened in the system browser. */
export function isAllowedExternalUrl(url: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return target.protocol === 'https:' && target.username === '' && target.password === '' && target.port === '' && EXTERNAL_LINK_HOSTS.includes(target.hostname);
}
