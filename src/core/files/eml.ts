import { unsafeNameCharacter } from '../domain/program';
import { InvalidInputError } from '../errors';

/**
 * Email files (.eml) for people to open in their mail program. Headers are composed by nodemailer's
 * MailComposer, never by joining strings: names and subjects are encoded (RFC 2047 for non-ASCII), a line
 * break in any value is folded into the value instead of starting a header of its own, and the message
 * has exactly the headers listed on `composeEml`.
 */

export interface Mailbox {
  /** Display name; may be empty. */
  name: string;
  address: string;
}

// One @, a dot in the domain, no spaces or address punctuation: what a person types as an address.
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]{2,}$/;

/**
 * Text for one line (a name, a subject): control, line-separator and text-direction characters become a
 * space. Names are checked where they enter Pairwise; this also covers names stored before that check.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/gu, ' ').replace(/ {2,}/g, ' ').trim();
}

/** "Name <name@example.org>" or "name@example.org", as shown to people. */
export function formatMailbox(m: Mailbox): string {
  if (!m.name) return m.address;
  const name = /[",<>@;:\\]/.test(m.name) ? `"${m.name.replace(/["\\]/g, '\\$&')}"` : m.name;
  return `${name} <${m.address}>`;
}

/**
 * Reads what a person typed as one sender: `Mentoring team <team@example.org>` or `team@example.org`.
 * Anything else (empty, two addresses, a group, no address, a line break) is an InvalidInputError naming
 * `field`: `Enter a From address, e.g. …`, `From: "team at example" is not an email address; write it as…`.
 */
export async function parseMailbox(text: string, field: string): Promise<Mailbox> {
  const trimmed = text.trim();
  const example = 'write it as Name <name@example.org> or name@example.org';
  if (trimmed === '') throw new InvalidInputError(`Enter a ${field} address, e.g. Mentoring team <mentoring@yourorg.org>`);
  const unsafe = unsafeNameCharacter(trimmed);
  if (unsafe) throw new InvalidInputError(`${field} ${unsafe}: enter one address on one line, e.g. Mentoring team <mentoring@yourorg.org>`);
  // Loaded on first use, like the rest of nodemailer: only emails need it, and every start-up would pay for it.
  const { default: addressparser } = await import('nodemailer/lib/addressparser');
  const parsed = addressparser(trimmed);
  if (parsed.length !== 1 || parsed[0]!.group) throw new InvalidInputError(`${field}: "${trimmed}" is not one email address; ${example}`);
  const { name, address } = parsed[0]!;
  if (!address || !ADDRESS.test(address)) throw new InvalidInputError(`${field}: "${trimmed}" is not an email address; ${example}`);
  return { name: name.trim(), address: address.toLowerCase() };
}

export interface EmlMessage {
  from: Mailbox;
  to: readonly Mailbox[];
  subject: string;
  /** Plain text; line ends become CRLF. */
  text: string;
  date: Date;
}

/**
 * The bytes of one .eml file. Its headers are exactly From, To, Subject, Date, Message-ID, MIME-Version,
 * Content-Type, Content-Transfer-Encoding and X-Unsent: 1 (which makes Outlook open the file as a draft
 * ready to send instead of as a received message).
 */
export async function composeEml(message: EmlMessage): Promise<Uint8Array> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const composer = new MailComposer({
    from: { name: oneLine(message.from.name), address: message.from.address },
    to: message.to.map((m) => ({ name: oneLine(m.name), address: m.address })),
    subject: oneLine(message.subject),
    date: message.date,
    text: message.text.replace(/\r?\n/g, '\r\n'),
    headers: { 'X-Unsent': '1' },
    newline: 'win',
  });
  return new Uint8Array(await composer.compile().build());
}
