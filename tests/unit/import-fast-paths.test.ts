import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AvailabilityWindow } from '../../src/core/domain/participant';
import { foldKey } from '../../src/core/db/fold';
import { foldKeyRemembered } from '../../src/core/db/writer';
import { commitImport, prepareImport } from '../../src/core/import';
import { availabilityTexts, listTexter } from '../../src/core/import/commit';
import { isTrimmed, parseAvailability, parseList } from '../../src/core/import/normalise';
import { IMPORT_LIMITS } from '../../src/core/import/limits';
import { readCsv } from '../../src/core/import/read-table';
import { optionalText } from '../../src/core/import/validate';
import { formatHlc, HybridLogicalClock } from '../../src/core/db/hlc';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { referenceParseAvailability, referenceParseList } from './fixtures/normalise-reference';
import { bytes, tempStore } from './temp';

/**
 * The import's fast paths (#11's speed targets) must not change what an import reads or writes: a UTF-8
 * CSV is parsed as bytes and decoded cell by cell, list and availability cells are remembered, and the
 * writer binds its change rows in batches. Each is compared here with the way it was done before.
 */

/** The same text as UTF-16 LE with a BOM: that path still decodes the whole file before parsing, as every CSV was read before. */
const utf16 = (text: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
/** The text as UTF-8 can carry it (a lone surrogate becomes U+FFFD, as TextEncoder writes it). */
const encodable = (text: string) => new TextDecoder().decode(bytes(text));

const FRAGMENTS = ['a', 'Zoë', 'Łukasz', '…', '日本', '😀', 'é', '"', '""', ',', ';', '\t', ' ', '\n', '\r\n', '\r', "'=1+1", 'x@y.org', 'Mon 18:00-20:00', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u0085', '" ', ' "', 'Â'];

describe('CSV read as UTF-8 bytes', () => {
  it('gives the cells the whole decoded text gave, for any mix of characters, quotes and line breaks', () => {
    const cell = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 5 }).map((parts) => parts.join(''));
    const quoted = cell.map((c) => `"${c.replaceAll('"', '""')}"`);
    const line = fc.array(fc.oneof(cell, quoted), { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
    const file = fc
      .tuple(fc.array(line, { minLength: 2, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
      .map(([lines, end, bom]) => `${bom ? '\uFEFF' : ''}Name,Email,Role…\n${lines.join(end)}`)
      .map(encodable);
    fc.assert(
      fc.property(file, (text) => {
        const attempt = (read: () => unknown) => {
          try {
            return { table: read() };
          } catch (error) {
            return { error: (error as Error).message };
          }
        };
        expect(attempt(() => readCsv(bytes(text), 'people.csv', IMPORT_LIMITS, { asBytesFrom: 0 }))).toEqual(attempt(() => readCsv(utf16(text), 'people.csv', IMPORT_LIMITS, { asBytesFrom: 0 })));
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  it('taken row by row (a large file), gives the whole parse’s cells, or its error: a quote error anywhere before a limit', () => {
    const cell = fc.array(fc.constantFrom('a', 'é', '"', '""', ',', ' ', '\n', '\r\n', 'x'), { maxLength: 4 }).map((parts) => parts.join(''));
    const quoted = cell.map((c) => `"${c.replaceAll('"', '""')}"`);
    const line = fc.array(fc.oneof(cell, quoted, fc.constant('')), { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
    const file = fc.array(line, { minLength: 1, maxLength: 12 }).map((lines) => `Name,Email,Role\n${lines.join('\n')}`);
    // Small limits, so that files past them (rows, columns) are common.
    const limits = { ...IMPORT_LIMITS, rows: 5, columns: 3 } as unknown as typeof IMPORT_LIMITS;
    const attempt = (read: () => unknown) => {
      try {
        return { table: read() };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    fc.assert(
      fc.property(file, (text) => {
        const whole = attempt(() => readCsv(bytes(text), 'people.csv', limits, { asBytesFrom: 0, rowByRowFrom: Infinity }));
        expect(attempt(() => readCsv(bytes(text), 'people.csv', limits, { asBytesFrom: 0, rowByRowFrom: 0 }))).toEqual(whole);
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  it('decodes a character past ASCII wherever it is: in the header only, or also in the last row of many', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `Person ${i},p${i}@example.org,mentee`);
    const headerOnly = readCsv(bytes(`Name,Email,I want to be a…\n${rows.join('\n')}\n`), 'people.csv', IMPORT_LIMITS, { asBytesFrom: 0 });
    expect(headerOnly.headers).toEqual(['Name', 'Email', 'I want to be a…']);
    expect(headerOnly.rows[1999]).toEqual(['Person 1999', 'p1999@example.org', 'mentee']);
    const lastRow = readCsv(bytes(`Name,Email,Role\n${rows.join('\n')}\nZoë 😀 Łukasz,"zoë@example.org",mentor…\n`), 'people.csv', IMPORT_LIMITS, { asBytesFrom: 0 });
    expect(lastRow.rows[2000]).toEqual(['Zoë 😀 Łukasz', 'zoë@example.org', 'mentor…']);
    expect(lastRow.rows[0]).toEqual(['Person 0', 'p0@example.org', 'mentee']);
  });

  it('finds a quote then a Unicode space as the file’s last character past ASCII, after a header with "…" (decoded whole, as before)', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `Person ${i},p${i}@example.org,mentee`);
    for (const space of ['\u00a0', '\u2003', '\u3000', '\ufeff']) {
      for (const text of [`Name,Email,I want to be a…\n${rows.join('\n')}\n"Zoe" ${space},z@example.org,mentor\n`, `Name,Email,I want to be a…\n"Zoe" ${space},z@example.org,mentor\n${rows.join('\n')}\n`]) {
        const table = readCsv(bytes(text), 'people.csv', IMPORT_LIMITS, { asBytesFrom: 0 });
        expect(table).toEqual(readCsv(utf16(text), 'people.csv', IMPORT_LIMITS, { asBytesFrom: 0 }));
        expect(table.rows.some((row) => row[0] === 'Zoe')).toBe(true);
      }
    }
  });

  it('still reads a file that is not UTF-8 as Windows-1252', () => {
    const latin = new Uint8Array([...bytes('Name,Email,Role\nZo'), 0xeb, ...bytes(',z@example.org,mentee\n')]);
    expect(readCsv(latin, 'people.csv', IMPORT_LIMITS, { asBytesFrom: 0 }).rows).toEqual([['Zoë', 'z@example.org', 'mentee']]);
  });
});

describe('remembered list and availability cells', () => {
  const WORDS = ['Mon', 'tue', 'Wed-Fri', 'weekdays', 'weekend', 'daily', 'Sat and Sun', 'xyz', '18:00', '9am', '6 pm', '24:00', '0:00', '12:30pm', '-', ' to ', '–', ',', ';', '\n', ' ', '  ', '\t', '7', '25:00', 'English', 'english', 'Go', '|'];
  const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((parts) => parts.join(''));

  it('parse every cell as the uncached parsers did, the first time and when seen again', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (cells) => {
        for (const cell of [...cells, ...cells]) {
          expect(parseAvailability(cell)).toEqual(referenceParseAvailability(cell));
          expect(parseList(cell)).toEqual(referenceParseList(cell));
        }
      }),
      { numRuns: 600, seed: 11 },
    );
  });

  it('split availability cells around every character as the uncached parser did (trim’s white space and no other)', () => {
    const differing: string[] = [];
    const trimmed: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const removed = String.fromCharCode(code).trim() === '';
      if (isTrimmed(code) !== removed) differing.push(`isTrimmed U+${code.toString(16)}`);
      if (removed) trimmed.push(code);
    }
    expect(trimmed.length).toBeGreaterThan(20);
    // Every character trim removes, Latin-1 and a few others, within cells.
    for (const code of [...trimmed, ...Array.from({ length: 256 }, (_, i) => i), 0x180e, 0x200b, 0x2060, 0x3001, 0xd83d, 0xfffd]) {
      const c = String.fromCharCode(code);
      // Valid cells, and cells whose problem quotes the segment as it was cut and trimmed.
      for (const cell of [`${c}Mon 18:00-20:00${c};${c}Tue${c},${c}Wed 9-10${c}`, `Mon${c}${c}, Fri 7-8`, `Mon 9-10;${c}Tue${c},${c}Wed 9${c}`, `${c}Thu 25:00-26:00${c}`, `${c}xyz${c}`]) {
        if (JSON.stringify(parseAvailability(cell)) !== JSON.stringify(referenceParseAvailability(cell))) differing.push(`U+${code.toString(16)}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('hand out lists and windows that changing one answer cannot change in the next', () => {
    const first = parseList('English; Spanish');
    first.push('changed');
    expect(parseList('English; Spanish')).toEqual(['English', 'Spanish']);
    const windows = parseAvailability('Mon 18:00-20:00');
    expect(windows.ok && windows.value).toEqual([{ day: 0, start: 1080, end: 1200 }]);
    if (windows.ok) expect(() => Object.assign(windows.value[0]!, { day: 3 })).toThrow();
    expect(parseAvailability('Mon 18:00-20:00')).toEqual({ ok: true, value: [{ day: 0, start: 1080, end: 1200 }] });
  });
});

describe('availability as stored, joined from remembered window texts', () => {
  const stored = (windows: readonly AvailabilityWindow[]) => {
    const json = JSON.stringify(windows);
    return { json, quoted: JSON.stringify(json) };
  };

  it('is JSON.stringify of every cell’s windows, and the change log’s value JSON.stringify of that, the first time and again', () => {
    const segment = fc
      .tuple(fc.constantFrom('Mon', 'tue', 'Wed-Fri', 'weekdays', 'weekend', 'Sat and Sun', 'daily', ''), fc.integer({ min: 0, max: 24 }), fc.constantFrom(':00', ':30', ':59', 'am', 'pm', ''), fc.integer({ min: 0, max: 24 }), fc.constantFrom(':00', ':15', 'pm', ''))
      .map(([days, h1, m1, h2, m2]) => `${days} ${h1}${m1}-${h2}${m2}`);
    const cell = fc.array(segment, { maxLength: 12 }).map((parts) => parts.join('; '));
    let checked = 0;
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), (cells) => {
        for (const text of [...cells, ...cells]) {
          const parsed = parseAvailability(text);
          if (!parsed.ok) continue;
          checked += 1;
          expect(availabilityTexts(parsed.value)).toEqual(stored(parsed.value));
        }
      }),
      { numRuns: 400, seed: 11 },
    );
    expect(checked).toBeGreaterThan(200);
  });

  it('serialises windows that are not whole minutes in range as they are', () => {
    for (const windows of [
      [],
      [{ day: 0, start: 0, end: 1440 }],
      [{ day: 6, start: 1439, end: 1440 }, { day: 0, start: 1.5, end: 90 }],
      [{ day: 7, start: 0, end: 60 }],
      [{ day: 2, start: -1, end: 60 }, { day: 2, start: 0, end: 60 }],
      [{ day: 1, start: 60, end: 1441 }],
    ]) {
      expect(availabilityTexts(windows)).toEqual(stored(windows));
    }
  });
});

describe('list columns written as the list before them', () => {
  it('are JSON.stringify of each list and of that text, whether the list repeats the last one or not', () => {
    const list = fc.array(fc.constantFrom('English', 'english', 'Go', 'Zoë', '"quoted"', 'a\\b', '', 'x'), { maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(list, fc.nat(2)), { maxLength: 12 }), (steps) => {
        const texts = listTexter();
        let previous: string[] = [];
        for (const [items, how] of steps) {
          // 0: a new list; 1: the last list again (another array, same strings); 2: the last array, changed after it was written.
          const given = how === 0 ? items : how === 1 ? [...previous] : previous;
          if (how === 2) given.push('added');
          const json = JSON.stringify(given);
          expect(texts(given)).toEqual({ json, quoted: JSON.stringify(json) });
          previous = given;
        }
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});

describe('an email folded twice in a row (to find the person, then for email_key)', () => {
  it('gets foldKey’s answer for every text, repeated or not', () => {
    const text = fc.array(fc.constantFrom('A', 'a', 'İ', 'ß', 'SS', 'É', 'e\u0301', ' ', '  ', 'x@y.org', 'Σ'), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), (texts) => {
        for (const t of [...texts, ...texts.flatMap((t) => [t, t])]) expect(foldKeyRemembered(t)).toBe(foldKey(t));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('change rows of an import', () => {
  it('are one per written column of each new row, its value as JSON, with increasing unique HLCs', async () => {
    const store = await tempStore();
    const cohort = ensureProgramAndCohort(store, 'Program', 'Spring');
    const before = (store.sqlite.prepare('SELECT max(seq) AS seq FROM changes').get() as { seq: number }).seq;
    const lines = Array.from({ length: 450 }, (_, i) =>
      [`Person ${i} Zoë`, `P${i}@Example.org`, i % 3 ? 'mentee' : 'mentor', 'Europe/Berlin', i % 3 ? '' : '2', String(i % 30), 'English; Español', '"Go, Rust"', '"Mon 18:00-20:00; Wed 9am-11am"'].join(','),
    );
    const file = `Full name,Email Address,I want to be a…,Time zone,Max mentees,Years of experience,Languages,Interests,Availability\n${lines.join('\n')}\n`;
    const summary = commitImport(store, cohort.id, await prepareImport({ fileName: 'people.csv', bytes: bytes(file) }), { skipInvalid: false });
    expect(summary.added).toBe(450);

    const changes = store.sqlite.prepare('SELECT seq, hlc, client_id, tbl, row_id, col, value FROM changes WHERE seq > ? ORDER BY seq').all(before) as {
      seq: number; hlc: string; client_id: string; tbl: string; row_id: string; col: string; value: string;
    }[];
    // What the rows hold now, column by column, is what the change log must say was written (ids aside).
    const expected: string[] = [];
    for (const table of ['people', 'cohort_members'] as const) {
      for (const row of store.sqlite.prepare(`SELECT * FROM ${table} WHERE ${table === 'people' ? 'program_id' : 'cohort_id'} = ?`).all(table === 'people' ? cohort.programId : cohort.id) as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          if (column === 'id' || column === 'deleted_at') continue;
          expected.push(JSON.stringify([table, row.id, column, JSON.stringify(value)]));
        }
      }
    }
    const written = changes.map((c) => JSON.stringify([c.tbl, c.row_id, c.col, c.value]));
    expect(written.length).toBe(expected.length);
    expect(new Set(written).size).toBe(written.length);
    expect([...written].sort()).toEqual([...expected].sort());
    // A person's row and its columns come first, then the member's, in the order they were written.
    expect(changes.slice(0, 3).map((c) => [c.tbl, c.col])).toEqual([['people', 'program_id'], ['people', 'email'], ['people', 'full_name']]);
    expect(changes.every((c) => c.client_id === store.clock.clientId)).toBe(true);
    // The new rows' ids are UUIDs that sort in the order they were written (they append to the primary-key index).
    const people = changes.filter((c) => c.tbl === 'people' && c.col === 'email').map((c) => c.row_id);
    expect(people.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...people].sort()).toEqual(people);
    const hlcs = changes.map((c) => c.hlc);
    expect(new Set(hlcs).size).toBe(hlcs.length);
    expect(hlcs.every((h, i) => i === 0 || h > hlcs[i - 1]!)).toBe(true);
  });
});

describe('names, departments and teams with their white space collapsed only when there is some to collapse', () => {
  it('are what trim and /\\s+/ → " " gave, or null when blank, for any characters', () => {
    const reference = (value: string) => (value.trim() === '' ? null : value.trim().replace(/\s+/g, ' '));
    const spaces = ['\t', '\n', '\r', '\v', '\f', ' ', '  ', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u180e', '\u200b'];
    const text = fc.array(fc.oneof(fc.constantFrom(...spaces, 'a', 'Zoë', '日本', '😀'), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect(optionalText(value)).toBe(reference(value));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});

describe('HLC timestamps with the millisecond’s and client id’s texts made once', () => {
  it('are formatHlc of the clock’s millisecond and counter, for any wall clock (ahead, equal, behind) and observed timestamps', () => {
    const step = fc.oneof(fc.record({ wall: fc.integer({ min: 0, max: 2 ** 48 }) }), fc.record({ observe: fc.tuple(fc.integer({ min: 0, max: 2 ** 48 }), fc.integer({ min: 0, max: 5000 })) }));
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(step, { minLength: 1, maxLength: 40 }), (clientId, steps) => {
        let wall = 0;
        const clock = new HybridLogicalClock(clientId, () => wall);
        // The rule written out: the wall time when it is ahead of the last timestamp, else the last one's counter + 1.
        let lastMs = 0;
        let counter = 0;
        for (const s of steps) {
          if ('observe' in s) {
            const [ms, c] = s.observe;
            clock.observe(formatHlc(ms, c, 'peer'));
            if (ms > lastMs || (ms === lastMs && c > counter)) [lastMs, counter] = [ms, c];
            continue;
          }
          wall = s.wall;
          for (let i = 0; i < 3; i++) {
            if (wall > lastMs) [lastMs, counter] = [wall, 0];
            else counter += 1;
            expect(clock.now()).toBe(formatHlc(lastMs, counter, clientId));
          }
        }
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
