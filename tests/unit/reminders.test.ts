import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { withKeptPassword } from '../../src/core/reminders/password';
import { addSession } from '../../src/core/sessions/sessions';
import { filePasswordKeeper } from '../../src/web/smtp-password';
import { startSmtpServer } from './smtp-test-server';
import { publishedPair } from './tracking-fixture';

const START = '2027-03-01T09:00:00.000Z';
// Saturday noon UTC; Europe moves its clocks forward in the night to Sunday 2027-03-28, New York did on 03-14.
const NOW = new Date('2027-03-27T12:00:00.000Z');

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

/** Ana Ruiz (mentor, Berlin) and Ben Li (mentee, New York), started 2027-03-01; a session planned Sunday 09:00 in New York. */
async function setup() {
  const fixture = await publishedPair({ mentor: 'Europe/Berlin', mentee: 'America/New_York' });
  const { store, pair } = fixture;
  store.transact((w) => w.update('pairs', pair.id, { started_at: START }));
  addSession(store, { pairId: pair.id, localStart: '2027-03-28T09:00', zoneOf: 'mentee', durationMinutes: 45, format: 'video', status: 'planned', notes: '', topics: [] }, NOW);
  const handlers = createHandlers({ store, resourcesDir: '', now: () => NOW });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(handlers, method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  return { ...fixture, handlers, call };
}

type Preview = { messages: { key: string; kind: string; to: { name: string; address: string }[]; subject: string; text: string; reason: string }[] };

describe('reminders and nudges', () => {
  it('render a session in each person’s own clock and zone (DST of that date), and nudge a pair without a first session', async () => {
    const { call, cohort } = await setup();
    const { messages } = await call<Preview>('reminders.preview', { cohortId: cohort.id });
    expect(messages.map((m) => [m.kind, m.reason])).toEqual([
      ['reminder', 'session in 25 h'],
      ['nudge', 'no first session 26 days after the start'],
    ]);
    const [reminder, nudge] = messages;
    expect(reminder!.to).toEqual([{ name: 'Ben Li', address: 'ben@example.org' }, { name: 'Ana Ruiz', address: 'ana@example.org' }]);
    expect(reminder!.subject).toBe('Reminder: your mentoring session, Ben Li & Ana Ruiz');
    // 13:00 UTC: 09:00 in New York (EDT since 03-14), 15:00 in Berlin (CEST from that very night).
    expect(reminder!.text).toContain('  Ben Li: Sun 2027-03-28 09:00 America/New_York (UTC-04:00)');
    expect(reminder!.text).toContain('  Ana Ruiz: Sun 2027-03-28 15:00 Europe/Berlin (UTC+02:00)');
    expect(reminder!.text).toContain('(video, 45 minutes)');
    expect(nudge!.text).toContain('It has been 26 days since your last session in Spring; the program suggests meeting every 14 days.');
  });

  it('edits templates, refusing a placeholder they cannot fill', async () => {
    const { call, cohort } = await setup();
    await expect(call('reminders.saveTemplate', { cohortId: cohort.id, kind: 'nudge', template: { subject: 'Hi', body: 'See you {sessionStartMentee}' } })).rejects.toThrow(
      'The nudge body uses {sessionStartMentee}, but it only exists in reminder emails.',
    );
    await expect(call('reminders.saveTemplate', { cohortId: cohort.id, kind: 'reminder', template: { subject: 'Hi {mentee}', body: 'x' } })).rejects.toThrow('uses {mentee}, but there is no such placeholder');
    await call('reminders.saveTemplate', { cohortId: cohort.id, kind: 'reminder', template: { subject: '{menteeFirstName}, see you soon', body: 'Your time: {sessionStartMentee}. Theirs: {sessionStartMentor}.' } });
    const { messages } = await call<Preview>('reminders.preview', { cohortId: cohort.id });
    expect(messages[0]).toMatchObject({ subject: 'Ben, see you soon', text: 'Your time: Sun 2027-03-28 09:00 America/New_York (UTC-04:00). Theirs: Sun 2027-03-28 15:00 Europe/Berlin (UTC+02:00).' });
    const templates = await call<{ reminder: { custom: boolean }; nudge: { custom: boolean } }>('reminders.saveTemplate', { cohortId: cohort.id, kind: 'reminder', template: null });
    expect(templates).toMatchObject({ reminder: { custom: false }, nudge: { custom: false } });
  });

  it('sends through a real SMTP server: the right recipients, safe encoded headers, each person’s time-zone text', async () => {
    const { call, cohort, store, mentor } = await setup();
    // A name stored before names were checked, with a line break that tries to add a header, and a non-ASCII name.
    const personOf = (memberId: string) => store.first(store.q.selectFrom('cohort_members').select('person_id').where('id', '=', memberId))!.person_id;
    store.transact((w) => w.update('people', personOf(mentor.id), { full_name: 'Ana Ruíz\r\nBcc: thief@evil.example' }));
    const smtp = await startSmtpServer({ user: 'coordinator', pass: 's3cret pass' });
    stops.push(smtp.close);
    await call('reminders.saveMailSettings', { host: '127.0.0.1', port: smtp.port, secure: false, username: 'coordinator', from: 'Équipe mentorat <team@example.org>' });
    await expect(call('reminders.send', { cohortId: cohort.id, via: 'smtp' })).rejects.toThrow('Enter the SMTP password for coordinator');
    const wrong = await call<{ sent: unknown[]; failed: { error: string }[] }>('reminders.send', { cohortId: cohort.id, via: 'smtp', password: 'nope' });
    expect(wrong.sent).toEqual([]);
    expect(wrong.failed[0]!.error).toContain('the server refused the user name or password');

    const result = await call<{ sent: { key: string; to: string[] }[]; failed: unknown[] }>('reminders.send', { cohortId: cohort.id, via: 'smtp', password: 's3cret pass' });
    expect(result.failed).toEqual([]);
    expect(result.sent.map((s) => s.to)).toEqual([['ben@example.org', 'ana@example.org'], ['ben@example.org', 'ana@example.org']]);
    expect(smtp.logins.at(-1)).toBe('coordinator:s3cret pass');
    expect(smtp.delivered).toHaveLength(2);
    const [reminder] = smtp.delivered;
    expect(reminder!.rcptTo).toEqual(['ben@example.org', 'ana@example.org']);
    expect(reminder!.mailFrom).toBe('team@example.org');
    const headerBlock = reminder!.raw.split('\r\n\r\n')[0]!;
    // No header of the recipient's making, and every non-ASCII name encoded (RFC 2047), never raw.
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(/[^\x00-\x7f]/.test(headerBlock)).toBe(false);
    expect(reminder!.parsed.from!.value).toEqual([{ name: 'Équipe mentorat', address: 'team@example.org' }]);
    expect((reminder!.parsed.to as { value: { name: string; address: string }[] }).value).toEqual([
      { name: 'Ben Li', address: 'ben@example.org' },
      { name: 'Ana Ruíz Bcc: thief@evil.example', address: 'ana@example.org' },
    ]);
    expect(reminder!.parsed.subject).toBe('Reminder: your mentoring session, Ben Li & Ana Ruíz Bcc: thief@evil.example');
    expect(reminder!.parsed.text).toContain('Ben Li: Sun 2027-03-28 09:00 America/New_York (UTC-04:00)');
    expect(reminder!.parsed.text).toContain('Sun 2027-03-28 15:00 Europe/Berlin (UTC+02:00)');
    expect(reminder!.parsed.date?.toISOString()).toBe(NOW.toISOString());
  });

  it('saves .eml files when asked, and keeps the password out of the workspace file', async () => {
    const { call, cohort, store } = await setup();
    await call('reminders.saveMailSettings', { host: null, port: null, secure: false, username: null, from: 'team@example.org' });
    await expect(call('reminders.send', { cohortId: cohort.id, via: 'smtp' })).rejects.toThrow('No SMTP server is set');
    const saved = await call<{ file: { fileName: string }; files: { fileName: string; dataBase64: string }[] }>('reminders.send', { cohortId: cohort.id, via: 'eml' });
    expect(saved.file.fileName).toBe('spring-reminders.zip');
    expect(saved.files.map((f) => f.fileName)).toEqual(['reminder-ben-li-ana-ruiz.eml', 'nudge-ben-li-ana-ruiz.eml']);
    expect(Buffer.from(saved.files[0]!.dataBase64, 'base64').toString()).toContain('X-Unsent: 1');
    const columns = store.sqlite.prepare("SELECT name FROM pragma_table_info('mail_settings')").all().map((c) => (c as { name: string }).name);
    expect(columns.some((c) => /pass/i.test(c))).toBe(false);
  });

  it('never sends the same email twice: a session reminder once, a nudge again only after a cadence; a chosen one is re-sent', async () => {
    const { store, cohort } = await setup();
    let clock = NOW;
    const handlers = createHandlers({ store, resourcesDir: '', now: () => clock });
    const call = async <T,>(method: string, input: unknown): Promise<T> => {
      const result = await dispatch(handlers, method, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    type Sent = { files: { fileName: string }[] };
    type Marked = { messages: { key: string; kind: string; alreadySent: boolean; lastSent: { at: string; via: string } | null }[] };
    await call('reminders.saveMailSettings', { host: null, port: null, secure: false, username: null, from: 'team@example.org' });
    expect((await call<Marked>('reminders.preview', { cohortId: cohort.id })).messages.map((m) => m.alreadySent)).toEqual([false, false]);
    expect((await call<Sent>('reminders.send', { cohortId: cohort.id, via: 'eml' })).files).toHaveLength(2);

    const after = await call<Marked>('reminders.preview', { cohortId: cohort.id });
    expect(after.messages.map((m) => [m.kind, m.alreadySent, m.lastSent])).toEqual([
      ['reminder', true, { at: NOW.toISOString(), via: 'eml' }],
      ['nudge', true, { at: NOW.toISOString(), via: 'eml' }],
    ]);
    await expect(call('reminders.send', { cohortId: cohort.id, via: 'eml' })).rejects.toThrow('every email due now was sent already');
    // The coordinator can still choose one to send again.
    const again = await call<Sent>('reminders.send', { cohortId: cohort.id, via: 'eml', keys: [after.messages[1]!.key] });
    expect(again.files.map((f) => f.fileName)).toEqual(['nudge-ben-li-ana-ruiz.eml']);

    // A cadence (14 days) after the last nudge, a pair still without a session is nudged again.
    clock = new Date(NOW.getTime() + 13 * 86_400_000);
    expect((await call<Marked>('reminders.preview', { cohortId: cohort.id })).messages.find((m) => m.kind === 'nudge')!.alreadySent).toBe(true);
    clock = new Date(NOW.getTime() + 14 * 86_400_000);
    expect((await call<Marked>('reminders.preview', { cohortId: cohort.id })).messages.find((m) => m.kind === 'nudge')!.alreadySent).toBe(false);
    expect((await call<Sent>('reminders.send', { cohortId: cohort.id, via: 'eml' })).files.map((f) => f.fileName)).toEqual(['nudge-ben-li-ana-ruiz.eml']);
  });

  it('web mode keeps the password only when asked, in a 0600 file beside the workspace, and passes it per send', async () => {
    const { handlers, cohort } = await setup();
    const smtp = await startSmtpServer({ user: 'coordinator', pass: 'pw' });
    stops.push(smtp.close);
    const dbPath = join(mkdtempSync(join(tmpdir(), 'pairwise-pw-')), 'workspace.sqlite');
    const keeper = filePasswordKeeper(dbPath);
    const relay = withKeptPassword((method, input) => dispatch(handlers, method, input), keeper);
    await relay('reminders.saveMailSettings', { host: '127.0.0.1', port: smtp.port, secure: false, username: 'coordinator', from: 'team@example.org' });
    expect(await relay('reminders.passwordStatus', {})).toEqual({ ok: true, value: { kept: false, storage: 'file' } });
    expect((await relay('reminders.send', { cohortId: cohort.id, via: 'smtp', password: 'pw' })).ok).toBe(true);
    expect(keeper.read()).toBeNull();
    // Sent once: sending again is a choice of which emails (a re-send).
    const keys = ['reminder', 'nudge'].map((kind) => (kind === 'reminder' ? 'reminder:' : 'nudge:'));
    const preview = await relay('reminders.preview', { cohortId: cohort.id });
    const chosen = preview.ok ? (preview.value as { messages: { key: string }[] }).messages.map((m) => m.key) : [];
    expect(chosen.map((k) => k.slice(0, k.indexOf(':') + 1))).toEqual(keys);
    await relay('reminders.send', { cohortId: cohort.id, via: 'smtp', password: 'pw', rememberPassword: true, keys: chosen });
    expect(keeper.read()).toBe('pw');
    if (process.platform !== 'win32') expect(statSync(`${dbPath}.smtp-password`).mode & 0o777).toBe(0o600);
    const again = await relay('reminders.send', { cohortId: cohort.id, via: 'smtp', keys: chosen });
    expect(again.ok && (again.value as { sent: unknown[] }).sent).toHaveLength(2);
    expect(smtp.delivered).toHaveLength(6);
    expect(await relay('reminders.forgetPassword', {})).toEqual({ ok: true, value: { kept: false, storage: 'file' } });
  });

  it('a shell that cannot keep a password now (Electron without an OS key) says so, and keeps nothing', async () => {
    const { handlers } = await setup();
    const writes: string[] = [];
    const relay = withKeptPassword((method, input) => dispatch(handlers, method, input), { storage: 'none', read: () => null, write: (p) => void writes.push(p), clear: () => {} });
    expect(await relay('reminders.passwordStatus', {})).toEqual({ ok: true, value: { kept: false, storage: 'none' } });
    // Without a kept password or a server, the core answers as it would without the shell.
    expect(await relay('reminders.send', { cohortId: 'not-a-cohort', via: 'smtp', password: 'pw', rememberPassword: true })).toMatchObject({ ok: false });
    expect(writes).toEqual([]);
  });
});
