import { randomBytes } from 'node:crypto';

/**
 * UUIDs of version 7 (RFC 9562) in increasing order, for rows written in bulk: a 20,000-answer check-in
 * import with random UUIDs inserted each key at a random place of the primary-key index (~30 % of its insert
 * time); keys that sort after every earlier one append to it. The first 48 bits are `atMs` (the injected clock's
 * milliseconds), the next 12 a counter (the millisecond moves on every 4,096 ids, as the RFC allows), the other
 * 62 random: unique across replicas as random UUIDs are. They reveal when a row was made, as its created_at does:
 * never for rows whose order must not be told (anonymous survey answers keep random ids).
 */
export function timeOrderedIds(atMs: number, count: number): string[] {
  const random = randomBytes(8 * count);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const ms = (atMs + Math.floor(i / 4096)).toString(16).padStart(12, '0');
    const counter = (i % 4096).toString(16).padStart(3, '0');
    const r = random.subarray(8 * i, 8 * i + 8).toString('hex');
    // The variant's two bits (10) on the first random nibble.
    const variant = (8 | (parseInt(r[0]!, 16) & 3)).toString(16);
    ids.push(`${ms.slice(0, 8)}-${ms.slice(8)}-7${counter}-${variant}${r.slice(1, 4)}-${r.slice(4, 16)}`);
  }
  return ids;
}
