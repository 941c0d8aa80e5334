import { describe, expect, it } from 'vitest';
import { deriveKey, newSalt } from '../../../src/core/sync/crypto';
import { fromWire, openMessage, sealMessage, type SyncChange } from '../../../src/core/sync/messages';

const change = (k: number, erased = false): SyncChange => ({
  hlc: `00000000000${1000 + k}-000000-abcdef0123456789`,
  clientId: 'abcdef0123456789',
  tbl: 'cohort_members',
  rowId: `row-${k}`,
  col: k % 2 ? 'bio' : 'capacity',
  value: k % 2 ? JSON.stringify(`Bio ${k} "quoted"`) : String(k),
  erased,
});

describe('sync messages on the wire', () => {
  it('a sealed message opens to the same changes, erased ones included', async () => {
    const key = await deriveKey('wire passphrase', newSalt());
    const changes = [change(1), change(2), change(3, true)];
    const sealed = sealMessage(key, 'space', 'abcdef0123456789', changes);
    expect(openMessage(key, 'space', sealed.id, sealed.body)).toEqual(changes);
  });

  it('refuses a message that is not a version 1 list of seven-part changes', () => {
    const good = ['h', 'c', 't', 'r', 'col', '"v"', 0];
    expect(fromWire({ v: 1, c: [good, [...good.slice(0, 6), 1]] })).toHaveLength(2);
    expect(fromWire({ v: 1, c: [] })).toEqual([]);
    for (const bad of [
      null,
      [],
      'text',
      { v: 2, c: [good] },
      { c: [good] },
      { v: 1 },
      { v: 1, c: {} },
      { v: 1, c: [good.slice(0, 6)] },
      { v: 1, c: [[...good, 0]] },
      { v: 1, c: [['h', 'c', 't', 'r', 'col', 5, 0]] },
      { v: 1, c: [['h', 'c', 't', null, 'col', '"v"', 0]] },
      { v: 1, c: [[...good.slice(0, 6), 2]] },
      { v: 1, c: [[...good.slice(0, 6), true]] },
      { v: 1, c: [good, 'not a change'] },
    ]) {
      expect(() => fromWire(bad), JSON.stringify(bad)).toThrow();
    }
  });
});
