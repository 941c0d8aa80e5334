import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { decrypt, encrypt, type SyncKey } from './crypto';

/**
 * One change row as it travels: everything the local change log holds about one field write. Inside a
 * message only, so every value (names, emails, notes) and even which table and column changed are
 * ciphertext to the server.
 */
export interface SyncChange {
  hlc: string;
  clientId: string;
  tbl: string;
  rowId: string;
  col: string;
  /** JSON of the SQL value, as in the local log. */
  value: string;
  /** The change was erased at its origin (people.erase) before it was pushed: its value is blank and it never materialises. */
  erased: boolean;
}

const Wire = z.object({
  v: z.literal(1),
  // hlc, client, table, row, column, value, erased (0/1): arrays, not objects, to keep messages small.
  c: z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.string(), z.string(), z.union([z.literal(0), z.literal(1)])])),
});

/** A sealed batch of changes and what the server may see of it. */
export interface SealedMessage {
  /** Derived from the batch's bounds, so a push retried after a crash carries the same id and the server keeps one copy. */
  id: string;
  clientId: string;
  /** The newest HLC in the batch: lets the server (and an operator) order and size things without reading them. */
  hlcMax: string;
  count: number;
  body: Buffer;
}

export function messageId(clientId: string, changes: readonly SyncChange[]): string {
  const first = changes[0]?.hlc ?? '';
  const last = changes[changes.length - 1]?.hlc ?? '';
  return createHash('sha256').update(`${clientId}\0${first}\0${last}\0${changes.length}`).digest('hex').slice(0, 32);
}

const aad = (space: string, id: string) => `${space}\0message\0${id}`;

/** JSON, deflated, then sealed: compressing first is what makes a year of history cheap to send. */
export function sealMessage(key: SyncKey, space: string, clientId: string, changes: readonly SyncChange[]): SealedMessage {
  const id = messageId(clientId, changes);
  const wire = { v: 1, c: changes.map((c) => [c.hlc, c.clientId, c.tbl, c.rowId, c.col, c.value, c.erased ? 1 : 0]) };
  const body = encrypt(key, deflateRawSync(Buffer.from(JSON.stringify(wire), 'utf8')), aad(space, id));
  const hlcMax = changes.reduce((max, c) => (c.hlc > max ? c.hlc : max), '');
  return { id, clientId, hlcMax, count: changes.length, body };
}

export function openMessage(key: SyncKey, space: string, id: string, body: Buffer): SyncChange[] {
  const plain = inflateRawSync(decrypt(key, body, aad(space, id)));
  return fromWire(JSON.parse(plain.toString('utf8')));
}

const isText = (x: unknown): x is string => typeof x === 'string';

/**
 * The changes of a parsed message, checked as `Wire` checks them. A first sync opens a million: checked
 * by hand, each tuple becomes its change object directly, without zod's copy of every tuple on the way.
 */
export function fromWire(parsed: unknown): SyncChange[] {
  const c = (parsed as { v?: unknown; c?: unknown } | null)?.c;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || (parsed as { v?: unknown }).v !== 1 || !Array.isArray(c)) {
    Wire.parse(parsed);
    throw new Error('Unreadable sync message');
  }
  const out: SyncChange[] = new Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const t = c[i] as unknown[];
    if (!Array.isArray(t) || t.length !== 7 || !isText(t[0]) || !isText(t[1]) || !isText(t[2]) || !isText(t[3]) || !isText(t[4]) || !isText(t[5]) || (t[6] !== 0 && t[6] !== 1)) {
      // Let the schema say what is wrong with it.
      Wire.parse(parsed);
      throw new Error('Unreadable sync message');
    }
    out[i] = { hlc: t[0], clientId: t[1], tbl: t[2], rowId: t[3], col: t[4], value: t[5], erased: t[6] === 1 };
  }
  return out;
}
