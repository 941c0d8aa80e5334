import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { toCsv } from '../../src/core/files/csv';
import { composeEml, parseMailbox } from '../../src/core/files/eml';
import { fileNamePart, uniqueFileNames } from '../../src/core/files/names';
import { toXlsx } from '../../src/core/files/xlsx';
import { runImport } from '../../src/core/import';
import { listMembers, updateMember } from '../../src/core/participants/members';
import { ensureProgramAndCohort } from '../../src/core/programs/programs';
import { exportCsv, exportEmlZip, exportXlsx, hoursApartText, introEmails, weeklyOverlapText } from '../../src/core/runs/export';
import { runMatchNow } from '../../src/core/runs/runs';
import { generateRegistrationCsv } from '../../src/core/sample/generate';
import { cli } from './cli-run';
import { bytes, tempDir, tempStore } from './temp';

const resourcesDir = join(__dirname, '../../resources');

/** OWASP CSV-injection payloads: each would run as a formula in a spreadsheet. */
const PAYLOADS = ['=HYPERLINK("http://evil.example/")', '+SUM(1;2)', '-2+3', '@cmd', '\t=1+1', '\r=1+1', '  =1+1'];

const parseCsv = (data: Uint8Array | string) =>
  Papa.parse<string[]>((typeof data === 'string' ? data : new TextDecoder().decode(data)).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

async function cohortWithRun(mentors = 4, mentees = 6) {
  const store = await tempStore();
  const cohort = ensureProgramAndCohort(store, 'ACME Mentoring', 'Spring');
  await runImport(store, { cohortId: cohort.id, fileName: 'c.csv', bytes: bytes(generateRegistrationCsv({ mentors, mentees, seed: 5 })), skipInvalid: false });
  return { store, cohort, members: () => listMembers(store, cohort.id), run: () => runMatchNow(store, { cohortId: cohort.id, settings: {} }) };
}

/** The header block of an .eml, unfolded: [name, value] in order. */
function headersOf(eml: string): [string, string][] {
  const block = eml.slice(0, eml.indexOf('\r\n\r\n'));
  expect(block).not.toMatch(/\r(?!\n)|(?<!\r)\n/); // only CRLF line ends
  return block
    .replace(/\r\n[ \t]/g, ' ')
    .split('\r\n')
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
}

/** RFC 2047 encoded words decoded (B and Q), adjacent ones joined. */
const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );

const EML_HEADERS = ['Content-Transfer-Encoding', 'Content-Type', 'Date', 'From', 'MIME-Version', 'Message-ID', 'Subject', 'To', 'X-Unsent'];

describe('CSV: one writer, formula starts neutralised in text cells, numbers kept as numbers', () => {
  it('puts a quote before every text cell that would start a formula, and leaves numbers alone', () => {
    const text = toCsv([['text', 'number'], ...PAYLOADS.map((p, k) => [p, -0.5 * k]), ['Ana, "Nana" Ruiz', null], ['-', Number.NaN]]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows.slice(1, 1 + PAYLOADS.length).map((r) => r[0])).toEqual(PAYLOADS.map((p) => `'${p}`));
    expect(rows.slice(1, 1 + PAYLOADS.length).map((r) => r[1])).toEqual(PAYLOADS.map((_, k) => String(-0.5 * k)));
    expect(rows.at(-2)).toEqual(['Ana, "Nana" Ruiz', '']);
    expect(rows.at(-1)).toEqual(["'-", '']);
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n');
    // Plain text, numbers written as text by a caller, and a formula character later in the cell are left as they are.
    expect(parseCsv(toCsv([['Ana Ruiz', 'a=b', 'x-1', 'ana+tag@example.org']]))[0]).toEqual(['Ana Ruiz', 'a=b', 'x-1', 'ana+tag@example.org']);
  });

  it('the pairs CSV neutralises names and emails that are formulas; score and hours stay numbers', async () => {
    const { store, members, run: match, cohort } = await cohortWithRun();
    const people = members();
    const payloadNames = ['=HYPERLINK("http://evil.example/")', '+SUM(1;2)', '-2+3', '@cmd'];
    payloadNames.forEach((fullName, k) => updateMember(store, people[k]!.id, { fullName }));
    updateMember(store, people[4]!.id, { email: '=cmd@evil.example' });
    updateMember(store, people[5]!.id, { email: '-2+3@evil.example' });
    const run = await match();
    const rows = parseCsv(exportCsv(run, members(), cohort.name).bytes);
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const cells = rows.slice(1).flatMap((r) => [r[col('Mentee')], r[col('Mentor')], r[col('Mentee email')], r[col('Mentor email')]]);
    for (const p of [...payloadNames, '=cmd@evil.example', '-2+3@evil.example']) {
      expect(cells).not.toContain(p);
      if (cells.includes(`'${p}`)) continue;
      // Every person is matched in this cohort, so every payload is in the file, escaped.
      throw new Error(`${p} is missing from the export`);
    }
    for (const r of rows.slice(1)) {
      expect(r[col('Score')]).toMatch(/^\d+(\.\d+)?$/);
      expect(r[col('Locked by coordinator')]).toMatch(/^(yes|no)$/);
    }
  });

  it('the pairs XLSX keeps the same values as text cells (no formula anywhere) and numbers as numbers', async () => {
    const { store, members, run: match, cohort } = await cohortWithRun();
    const people = members();
    ['=HYPERLINK("http://evil.example/")', '+SUM(1;2)', '-2+3', '@cmd'].forEach((fullName, k) => updateMember(store, people[k]!.id, { fullName }));
    const run = await match();
    const file = await exportXlsx(run, members(), cohort.name);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Pairs')!;
    expect(sheet.rowCount).toBe(run.result.assignments.length + 1);
    const values: unknown[] = [];
    sheet.eachRow((row, r) => {
      if (r === 1) return;
      for (const c of [1, 4]) {
        const cell = row.getCell(c);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        values.push(cell.value);
      }
      expect(row.getCell(7).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(12).value).toMatch(/^(yes|no)$/);
    });
    expect(values).toEqual(expect.arrayContaining(['=HYPERLINK("http://evil.example/")', '+SUM(1;2)', '-2+3', '@cmd']));
    const zip = await JSZip.loadAsync(file.bytes);
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toMatch(/<f[ >]/);
  });

  it('toXlsx writes tab- and CR-led text as text, and replaces characters XML cannot carry', async () => {
    const bytesOut = await toXlsx([{ name: 'S', columns: [{ header: '=H' }, { header: 'n' }], rows: [['\t=1+1', -0.5], ['\r=1+1', 3], ['bell\u0007', null]] }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytesOut as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('S')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('=H');
    expect(sheet.getRow(2).getCell(1).value).toBe('\t=1+1');
    expect(sheet.getRow(2).getCell(2).value).toBe(-0.5);
    expect(sheet.getRow(3).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(4).getCell(1).value).toBe('bell\ufffd');
  });
});

describe('.eml introductions: headers composed by nodemailer, never injected', () => {
  it('parses the sender as one address, naming the field when it is not', async () => {
    expect(await parseMailbox(' Mentoring team <Team@Example.org> ', 'From')).toEqual({ name: 'Mentoring team', address: 'team@example.org' });
    expect(await parseMailbox('team@example.org', 'From')).toEqual({ name: '', address: 'team@example.org' });
    expect(await parseMailbox('"Müller, Team" <team@example.org>', 'From')).toEqual({ name: 'Müller, Team', address: 'team@example.org' });
    await expect(parseMailbox('', 'From')).rejects.toThrow('Enter a From address, e.g. Mentoring team <mentoring@yourorg.org>');
    await expect(parseMailbox('Team <team@example.org>\r\nBcc: attacker@evil.example', 'From')).rejects.toThrow('From contains a line break (U+000D)');
    await expect(parseMailbox('a@example.org, b@example.org', 'From')).rejects.toThrow('From: "a@example.org, b@example.org" is not one email address');
    await expect(parseMailbox('team at example', 'From')).rejects.toThrow('From: "team at example" is not an email address; write it as Name <name@example.org> or name@example.org');
    await expect(parseMailbox('Team <team@localhost>', 'From')).rejects.toThrow('is not an email address');
    await expect(parseMailbox('undisclosed: a@example.org;', 'From')).rejects.toThrow('is not one email address');
  });

  it('a line break in the program name, the sender or a person’s name never makes a header line', async () => {
    const { store, members, run: match, cohort } = await cohortWithRun(2, 2);
    const people = members();
    // Names stored before names were checked (updateMember bypasses the contract's check).
    updateMember(store, people[0]!.id, { fullName: 'Eve\r\nBcc: attacker@evil.example' });
    updateMember(store, people[1]!.id, { fullName: 'Mallory\nX-Evil: 1' });
    updateMember(store, people[2]!.id, { fullName: 'Tomás García' });
    const run = await match();
    const zipFile = await exportEmlZip(run, members(), {
      from: { name: 'ACME\r\nBcc: attacker@evil.example', address: 'team@example.org' },
      programName: 'ACME\r\nBcc: attacker@evil.example',
      cohortName: cohort.name,
      date: new Date('2027-01-11T09:00:00Z'),
    });
    const zip = await JSZip.loadAsync(zipFile.bytes);
    const names = Object.keys(zip.files);
    expect(names.length).toBe(run.result.assignments.length);
    let sawAccent = false;
    for (const name of names) {
      const eml = await zip.file(name)!.async('string');
      expect(eml).toMatch(/^[\x00-\x7f]*$/); // headers encoded, body transfer-encoded
      const headers = headersOf(eml);
      expect(headers.map(([h]) => h).sort()).toEqual(EML_HEADERS);
      // Not even in the body: names are put on one line wherever they are written.
      expect(eml).not.toMatch(/^(Bcc|X-Evil):/im);
      const header = Object.fromEntries(headers);
      expect(header.Date).toBe('Mon, 11 Jan 2027 09:00:00 +0000');
      expect(header['X-Unsent']).toBe('1');
      expect(header['MIME-Version']).toBe('1.0');
      expect(header['Content-Type']).toMatch(/^text\/plain; charset=utf-8$/i);
      expect(header.From).toMatch(/<team@example\.org>$/);
      expect(decodeWords(header.From!)).toBe('"ACME Bcc: attacker@evil.example" <team@example.org>'); // one quoted display name
      expect(decodeWords(header.Subject!)).toMatch(/: your mentoring pair in ACME Bcc: attacker@evil\.example$/);
      const to = decodeWords(header.To!);
      expect(to.match(/<[^>]+>/g)).toHaveLength(2);
      if (to.includes('Tomás García <')) sawAccent = true;
    }
    expect(sawAccent).toBe(true);
  });

  it('encodes non-ASCII names (RFC 2047) and reads well: subject, greeting, topics, hours', async () => {
    const eml = new TextDecoder().decode(
      await composeEml({
        from: { name: 'Équipe Mentorat', address: 'team@example.org' },
        to: [{ name: 'Jorge López', address: 'jorge@example.org' }, { name: 'Tomás García', address: 'tomas@example.org' }],
        subject: 'Tomás, meet Jorge: your mentoring pair in ACME',
        text: 'Hello Jorge and Tomás,\nline two',
        date: new Date('2027-01-11T09:00:00Z'),
      }),
    );
    const header = Object.fromEntries(headersOf(eml));
    expect(header.From).toMatch(/^=\?UTF-8\?[BQ]\?.+\?= <team@example\.org>$/i);
    expect(decodeWords(header.From!)).toBe('Équipe Mentorat <team@example.org>');
    expect(decodeWords(header.To!)).toBe('Jorge López <jorge@example.org>, Tomás García <tomas@example.org>');
    expect(decodeWords(header.Subject!)).toBe('Tomás, meet Jorge: your mentoring pair in ACME');
  });

  it('words: singular and plural, sensible rounding', () => {
    expect(weeklyOverlapText(1)).toBe('about 1 hour a week');
    expect(weeklyOverlapText(1.1)).toBe('about 1 hour a week');
    expect(weeklyOverlapText(0.99)).toBe('about 1 hour a week');
    expect(weeklyOverlapText(2.3)).toBe('about 2.5 hours a week');
    expect(weeklyOverlapText(0.5)).toBe('about 30 minutes a week');
    expect(weeklyOverlapText(0.01)).toBe('about 5 minutes a week');
    expect(weeklyOverlapText(12.4)).toBe('about 12 hours a week');
    expect(hoursApartText(1)).toBe('1 hour');
    expect(hoursApartText(0.5)).toBe('30 minutes');
    expect(hoursApartText(5.75)).toBe('5 hours 45 minutes');
    expect(hoursApartText(9)).toBe('9 hours');
  });
});

describe('file names: accented letters transliterated, other scripts kept', () => {
  it('turns names into readable, safe file-name parts', () => {
    expect(fileNamePart('Farah García', 'x')).toBe('farah-garcia');
    expect(fileNamePart('Jürgen Weiß', 'x')).toBe('jurgen-weiss');
    expect(fileNamePart('Søren Kierkegaard-Ærø', 'x')).toBe('soren-kierkegaard-aero');
    expect(fileNamePart('Łukasz Żółć', 'x')).toBe('lukasz-zolc');
    expect(fileNamePart('Seán O’Brien', 'x')).toBe('sean-obrien');
    expect(fileNamePart('Ñandú Ångström Œuvre Þór Đorđe', 'x')).toBe('nandu-angstrom-oeuvre-thor-dorde');
    expect(fileNamePart('Cafe\u0301 İnci', 'x')).toBe('cafe-inci');
    expect(fileNamePart('李小龍', 'x')).toBe('李小龍');
    expect(fileNamePart('Мария Иванова', 'x')).toBe('мария-иванова');
    expect(fileNamePart('हिन्दी नाम', 'x')).toBe('हिन्दी-नाम');
    expect(fileNamePart('김민준', 'x')).toBe('김민준');
    expect(fileNamePart('../../etc/passwd', 'x')).toBe('etc-passwd');
    expect(fileNamePart('CON: <*?>|', 'x')).toBe('con');
    expect(fileNamePart(' — ', 'mentor')).toBe('mentor');
    expect(fileNamePart('a'.repeat(100), 'x')).toHaveLength(60);
    const unique = uniqueFileNames();
    expect(['a--b.eml', 'A--B.eml', 'a--b.eml', 'a--b-2.eml'].map(unique)).toEqual(['a--b.eml', 'A--B-2.eml', 'a--b-3.eml', 'a--b-2-2.eml']);
  });

  it('names the .eml files and the zip after people and cohort, transliterated', async () => {
    const { store, members, run: match } = await cohortWithRun(2, 2);
    const people = members();
    const mentor = people.find((m) => m.role === 'mentor')!;
    updateMember(store, mentor.id, { fullName: 'Farah García' });
    const run = await match();
    const zipFile = await exportEmlZip(run, members(), { from: { name: '', address: 'team@example.org' }, programName: 'P', cohortName: 'Été 2027' });
    expect(zipFile.fileName).toBe('ete-2027-run-1-introductions.zip');
    const names = Object.keys((await JSZip.loadAsync(zipFile.bytes)).files);
    if (run.result.assignments.some((a) => a.mentorId === mentor.id)) expect(names.some((n) => n.startsWith('farah-garcia--'))).toBe(true);
    for (const n of names) expect(n).toMatch(/^[a-z0-9-]+--[a-z0-9-]+\.eml$/);
  });
});

describe('through the contract: the sender is required, the preview pages', () => {
  it('refuses an eml export without a valid From, never inventing one; previews say what is missing', async () => {
    const { store, cohort } = await cohortWithRun(3, 5);
    const handlers = createHandlers({ store, resourcesDir });
    const run = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    const noFrom = await dispatch(handlers, 'runs.export', { runId: run.id, format: 'eml' });
    expect(noFrom).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Enter a From address, e.g. Mentoring team <mentoring@yourorg.org>' } });
    const injected = await dispatch(handlers, 'runs.export', { runId: run.id, format: 'eml', from: 'Team <t@example.org>\r\nBcc: a@evil.example' });
    expect(injected).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('From contains a line break') } });
    const ok = await dispatch(handlers, 'runs.export', { runId: run.id, format: 'eml', from: 'Mentoring team <team@example.org>' });
    expect(ok).toMatchObject({ ok: true, value: { mimeType: 'application/zip' } });
    // CSV and XLSX need no sender.
    expect(await dispatch(handlers, 'runs.export', { runId: run.id, format: 'csv' })).toMatchObject({ ok: true });

    const preview = await dispatch(handlers, 'runs.introPreview', { runId: run.id });
    expect(preview).toMatchObject({ ok: true, value: { index: 0, fromProblem: 'Enter a From address, e.g. Mentoring team <mentoring@yourorg.org>', email: { from: '' } } });
    const bad = await dispatch(handlers, 'runs.introPreview', { runId: run.id, from: 'nobody' });
    expect(bad).toMatchObject({ ok: true, value: { fromProblem: 'From: "nobody" is not an email address; write it as Name <name@example.org> or name@example.org' } });
  });

  it('pages through the introductions with a clamped index', async () => {
    const { store, cohort } = await cohortWithRun(3, 5);
    const handlers = createHandlers({ store, resourcesDir });
    const run = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    const from = 'Mentoring team <team@example.org>';
    const all = introEmails(run, listMembers(store, cohort.id), { from: await parseMailbox(from, 'From'), programName: 'ACME Mentoring' });
    expect(all.length).toBeGreaterThan(1);
    const at = async (index?: number) => {
      const result = await dispatch(handlers, 'runs.introPreview', { runId: run.id, from, index });
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    expect(await at()).toMatchObject({ count: all.length, index: 0, email: all[0], fromProblem: null });
    expect(await at(1)).toMatchObject({ index: 1, email: all[1] });
    expect(await at(all.length + 5)).toMatchObject({ index: all.length - 1, email: all.at(-1) });
    expect(await at(-3)).toMatchObject({ index: 0, email: all[0] });
    const first = all[0]!;
    expect(first.from).toBe(from);
    expect(first.subject).toMatch(/^\S+, meet \S+: your mentoring pair in ACME Mentoring$/);
    expect(first.text).not.toMatch(/\b1 hours\b|\(\d+ h apart\)/);
    expect(first.to).toHaveLength(2);
    for (const to of first.to) expect(to).toMatch(/^.+ <[^>]+@example\.org>$/);
  });
});

describe('the CLI export', () => {
  it('asks for --from before an eml export, and writes the zip with it', async () => {
    const { store, cohort } = await cohortWithRun(2, 3);
    await runMatchNow(store, { cohortId: cohort.id, settings: {} });
    const db = store.path;
    store.close();
    const out = join(tempDir(), 'intros.zip');
    const missing = await cli('export', '--db', db, '--cohort', 'Spring', '--format', 'eml', '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^--format eml needs --from ADDRESS, the sender: e\.g\. --from "Mentoring team <team@yourorg\.org>"/);
    const bad = await cli('export', '--db', db, '--cohort', 'Spring', '--format', 'eml', '--out', out, '--from', 'nobody');
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('From: "nobody" is not an email address') });
    const saved = await cli('export', '--db', db, '--cohort', 'Spring', '--format', 'eml', '--out', out, '--from', 'Équipe <team@example.org>');
    expect(saved.code).toBe(0);
    expect(Object.keys((await JSZip.loadAsync(readFileSync(out))).files).length).toBeGreaterThan(0);
  });
});
