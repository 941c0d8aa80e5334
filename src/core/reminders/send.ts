import { composeEml, oneLine, parseMailbox, type Mailbox } from '../files/eml';
import { fileNamePart } from '../files/names';
import { UserError } from '../errors';
import type { MailSettings } from './mail-settings';
import type { ReminderMessage } from './messages';

export interface SendOutcome {
  sent: { key: string; to: string[]; messageId: string }[];
  failed: { key: string; to: string[]; error: string }[];
}

const addresses = (m: ReminderMessage) => m.to.map((t) => t.address);

/** Words for an SMTP failure, without a stack: what the server or the network said. */
function describeSmtpError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e.code === 'EAUTH') return `the server refused the user name or password${e.response ? ` (${e.response})` : ''}`;
  if (e.code === 'ECONNREFUSED' || e.code === 'ESOCKET' || e.code === 'ETIMEDOUT' || e.code === 'EDNS' || e.code === 'ECONNECTION') {
    return `could not reach the SMTP server (${e.code}${e.message ? `: ${e.message}` : ''})`;
  }
  if (e.responseCode) return `the server answered ${e.responseCode}: ${e.response ?? e.message ?? ''}`.trim();
  return e.message ?? String(error);
}

/**
 * Sends each message through the coordinator's SMTP server with nodemailer. The password is used for
 * this send only; nothing here keeps it. Headers are nodemailer's (names and subjects encoded, line
 * breaks never reaching a header). One message failing does not stop the others: each is reported.
 */
export async function sendSmtp(settings: MailSettings, password: string | undefined, messages: readonly ReminderMessage[], date: Date): Promise<SendOutcome> {
  if (!settings.host || !settings.port) throw new UserError('No SMTP server is set: set one under Outgoing mail, or save the emails as .eml files');
  if (settings.username && !password) throw new UserError(`Enter the SMTP password for ${settings.username}`);
  const from = await parseMailbox(settings.from, 'From');
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.username ? { auth: { user: settings.username, pass: password! } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  const outcome: SendOutcome = { sent: [], failed: [] };
  try {
    for (const message of messages) {
      try {
        const info = await transport.sendMail({
          from: { name: oneLine(from.name), address: from.address },
          to: message.to.map((t) => ({ name: oneLine(t.name), address: t.address })),
          subject: oneLine(message.subject),
          text: message.text.replace(/\r?\n/g, '\r\n'),
          date,
        });
        outcome.sent.push({ key: message.key, to: addresses(message), messageId: info.messageId });
      } catch (error) {
        outcome.failed.push({ key: message.key, to: addresses(message), error: describeSmtpError(error) });
        // Nothing else would get through a server that refuses the login or cannot be reached.
        const code = (error as { code?: string }).code;
        if (code === 'EAUTH' || code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'EDNS') {
          for (const rest of messages.slice(messages.indexOf(message) + 1)) outcome.failed.push({ key: rest.key, to: addresses(rest), error: 'not sent: the first message failed the same way' });
          break;
        }
      }
    }
  } finally {
    transport.close();
  }
  return outcome;
}

/** The messages as .eml files in one zip, for when no SMTP server is set (or the coordinator prefers). */
export async function emlZip(from: Mailbox, messages: readonly ReminderMessage[], date: Date, cohortName: string): Promise<{ fileName: string; files: { fileName: string; bytes: Uint8Array }[]; zip: Uint8Array }> {
  const { default: Zip } = await import('jszip');
  const zip = new Zip();
  const files: { fileName: string; bytes: Uint8Array }[] = [];
  const used = new Set<string>();
  for (const m of messages) {
    let name = `${m.kind}-${fileNamePart(m.to.map((t) => t.name).join('-'), 'pair')}`;
    for (let n = 2; used.has(name); n++) name = `${name.replace(/-\d+$/, '')}-${n}`;
    used.add(name);
    const bytes = await composeEml({ from, to: m.to, subject: m.subject, text: m.text, date });
    files.push({ fileName: `${name}.eml`, bytes });
    zip.file(`${name}.eml`, bytes);
  }
  return { fileName: `${fileNamePart(cohortName, 'cohort')}-reminders.zip`, files, zip: await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) };
}
