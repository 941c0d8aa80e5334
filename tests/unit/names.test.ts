import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { EntityName, unsafeNameCharacter } from '../../src/core/domain/program';
import { detectMapping } from '../../src/core/import';
import { validateTable } from '../../src/core/import/validate';
import { MemberPatch } from '../../src/core/participants/contract';
import { tempStore } from './temp';

const resourcesDir = join(__dirname, '../../resources');

describe('names refuse control and text-direction characters', () => {
  it('names the character found', () => {
    expect(unsafeNameCharacter('Chloé Müller-Ørsted 李小龍')).toBeNull();
    expect(unsafeNameCharacter('Spring\r\nBcc: attacker@evil.example')).toBe('contains a line break (U+000D)');
    expect(unsafeNameCharacter('a\u2028b')).toBe('contains a line break (U+2028)');
    expect(unsafeNameCharacter('a\tb')).toBe('contains a tab (U+0009)');
    expect(unsafeNameCharacter('a\u0007b')).toBe('contains a control character (U+0007)');
    expect(unsafeNameCharacter('a\u0085b')).toBe('contains a control character (U+0085)');
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(unsafeNameCharacter(`invoice${c}fdp.exe`)).toMatch(/^contains a text-direction control character \(U\+20(2[A-E]|6[6-9])\)/);
    }
    // Zero-width joiners and right-to-left letters are text, not controls.
    expect(unsafeNameCharacter('مريم\u200d')).toBeNull();
  });

  it('EntityName (programs, cohorts) and MemberPatch.fullName refuse them, trimming outer whitespace first', () => {
    expect(EntityName.parse('  Spring 2027 \n')).toBe('Spring 2027');
    expect(EntityName.safeParse('Spring\r\nBcc: attacker@evil.example').error?.issues[0]?.message).toBe('Name contains a line break (U+000D)');
    expect(EntityName.safeParse('Spring\u202e7202').success).toBe(false);
    expect(MemberPatch.safeParse({ fullName: 'Ana\nRuiz' }).error?.issues[0]).toMatchObject({ path: ['fullName'], message: 'Name contains a line break (U+000A)' });
    expect(MemberPatch.parse({ fullName: ' Ana Ruiz ' }).fullName).toBe('Ana Ruiz');
  });

  it('every entry point of the contract refuses them: programs, cohorts, members, import', async () => {
    const store = await tempStore();
    const handlers = createHandlers({ store, resourcesDir });
    const bad = await dispatch(handlers, 'programs.create', { name: 'ACME\r\nBcc: attacker@evil.example' });
    expect(bad).toMatchObject({ ok: false, error: { message: 'Name contains a line break (U+000D)' } });
    const program = await dispatch(handlers, 'programs.create', { name: 'ACME' });
    const programId = (program as { value: { id: string } }).value.id;
    expect(await dispatch(handlers, 'programs.update', { id: programId, name: 'ACME\u202e' })).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'cohorts.create', { programId, name: 'Spring\nX-Evil: 1' })).toMatchObject({ ok: false, error: { message: 'Name contains a line break (U+000A)' } });
    const update = await dispatch(handlers, 'members.update', { id: 'someone', patch: { fullName: 'Eve\r\nBcc: x@evil.example' } });
    expect(update).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'Invalid input for members.update: patch.fullName: Name contains a line break (U+000D)' } });
    const imported = await dispatch(handlers, 'import.preview', {
      fileName: 'f.csv',
      dataBase64: Buffer.from('Full name,Email,Role\nEve\u202eevE,eve@example.org,mentee\n').toString('base64'),
      program: 'ACME',
      cohort: 'Spring\u0000',
    });
    expect(imported).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'Invalid input for import.preview: cohort: Name contains a control character (U+0000)' } });
  });

  it('an imported name with one is a row error naming line, column and value; line breaks in a cell read as spaces', () => {
    const headers = ['Full name', 'Email', 'Role'];
    const result = validateTable(
      {
        headers,
        rows: [
          ['Ana\r\nRuiz', 'ana@example.org', 'mentor'],
          ['Eve \u202eevil', 'eve@example.org', 'mentee'],
          ['Bell\u0007', 'bell@example.org', 'mentee'],
        ],
      },
      detectMapping(headers),
    );
    expect(result.valid.map((p) => p.fullName)).toEqual(['Ana Ruiz']);
    expect(result.problems).toEqual([
      { line: 3, column: 'Full name', value: 'Eve \u202eevil', message: 'name contains a text-direction control character (U+202E) that can disguise how it reads' },
      { line: 4, column: 'Full name', value: 'Bell\u0007', message: 'name contains a control character (U+0007)' },
    ]);
    expect(result.invalidLines).toEqual([3, 4]);
  });

  it('with first and last name columns, the error names the column that holds the character', () => {
    const headers = ['First name', 'Last name', 'Email', 'Role'];
    const result = validateTable({ headers, rows: [['Ben', 'Li\u2066', 'ben@example.org', 'mentee']] }, detectMapping(headers));
    expect(result.problems).toMatchObject([{ line: 2, column: 'Last name', value: 'Li\u2066' }]);
  });
});
