import type { Store } from '../db/store';
import { parseMailbox } from '../files/eml';
import { InvalidInputError } from '../errors';

/** The outgoing mail server as the workspace keeps it: never a password (src/core/reminders/password.ts). */
export interface MailSettings {
  host: string | null;
  port: number | null;
  secure: boolean;
  username: string | null;
  /** "Mentoring team <team@example.org>", as typed. */
  from: string;
}

export function getMailSettings(store: Store): MailSettings | null {
  const row = store.first(store.q.selectFrom('mail_settings').selectAll().where('deleted_at', 'is', null).orderBy('created_at').limit(1));
  if (!row) return null;
  const from = row.from_name ? `${row.from_name} <${row.from_address}>` : row.from_address;
  return { host: row.host, port: row.port, secure: row.secure === 1, username: row.username, from };
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$/;

/** Saves the workspace's outgoing mail server (one row, through the writer). A blank host means: no SMTP, save .eml files. */
export async function saveMailSettings(store: Store, input: MailSettings): Promise<MailSettings> {
  const from = await parseMailbox(input.from, 'From');
  const host = input.host?.trim() || null;
  if (host !== null && !HOST.test(host)) throw new InvalidInputError(`SMTP server: "${host}" is not a host name, e.g. smtp.yourorg.org`);
  if (host !== null && (input.port === null || !Number.isInteger(input.port) || input.port < 1 || input.port > 65535)) {
    throw new InvalidInputError('SMTP port: a number from 1 to 65535 (587 for STARTTLS, 465 for TLS)');
  }
  const values = {
    host,
    port: host === null ? null : input.port,
    secure: input.secure ? (1 as const) : (0 as const),
    username: input.username?.trim() || null,
    from_address: from.address,
    from_name: from.name,
  };
  const existing = store.first(store.q.selectFrom('mail_settings').select('id').where('deleted_at', 'is', null).orderBy('created_at').limit(1));
  store.transact((w) => {
    if (existing) w.update('mail_settings', existing.id, values);
    else w.insert('mail_settings', values);
  });
  return getMailSettings(store)!;
}
