import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedIds } from '../../src/core/db/ids';

describe('time-ordered ids', () => {
  it('are UUIDs of version 7 carrying the given millisecond, each sorting after the one before, none alike', () => {
    const at = Date.parse('2027-03-01T09:00:00.123Z');
    const ids = timeOrderedIds(at, 10_000);
    const uuid = z.uuid({ version: 'v7' });
    for (const id of [ids[0]!, ids[4095]!, ids[4096]!, ids.at(-1)!]) expect(uuid.safeParse(id).success, id).toBe(true);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids.every((id, i) => i === 0 || ids[i - 1]! < id)).toBe(true);
    // The first 48 bits are the millisecond; after 4,096 ids the counter starts again in the next one.
    const ms = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms(ids[0]!)).toBe(at);
    expect(ms(ids[4096]!)).toBe(at + 1);
    // Two batches made in the same millisecond differ in their random bits.
    expect(timeOrderedIds(at, 1)[0]).not.toBe(ids[0]);
  });
});
