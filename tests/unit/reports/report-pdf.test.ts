import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { reportFixture } from './fixture';

/** Writes the bytes to a file and returns pdftotext's reading of it (layout kept, so a table row stays on one line). */
function pdfText(base64: string, name = 'report.pdf'): { path: string; text: string } {
  const path = join(tempDir(), name);
  writeFileSync(path, Buffer.from(base64, 'base64'));
  return { path, text: execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }) };
}

const squash = (text: string) => text.replace(/[ \t]+/g, ' ');

describe('badges', () => {
  it('are earned from recorded facts, at the moment of the fact', async () => {
    const f = await reportFixture();
    const badges = await f.call('reports.badges', { cohortId: f.cohort.id });
    const five = badges.find((b) => b.kind === 'sessions-5')!;
    const held = f.store.sqlite
      .prepare(
        `SELECT s.starts_at FROM sessions s JOIN pairs p ON p.id = s.pair_id
         WHERE s.status = 'held' AND s.deleted_at IS NULL AND (p.mentee_id = ? OR p.mentor_id = ?) ORDER BY s.starts_at`,
      )
      .all(five.memberId, five.memberId) as { starts_at: string }[];
    expect(held.length).toBeGreaterThanOrEqual(5);
    expect(five.earnedAt).toBe(held[4]!.starts_at);
    const mine = await f.call('reports.badges', { cohortId: f.cohort.id, memberId: five.memberId });
    expect(mine.map((b) => b.kind)).toEqual(expect.arrayContaining(['first-session', 'sessions-5']));
    expect(mine.every((b) => b.memberId === five.memberId)).toBe(true);
    expect(badges.some((b) => b.kind === 'goal-reached')).toBe(true);
    // A mentor is top-rated only with two or more mentee ratings averaging 4.5 or more.
    for (const b of badges.filter((x) => x.kind === 'top-rated-mentor')) {
      const r = f.store.sqlite.prepare("SELECT AVG(match_rating) AS avg, COUNT(*) AS n FROM pair_ratings r JOIN pairs p ON p.id = r.pair_id WHERE p.mentor_id = ? AND r.side = 'mentee'").get(b.memberId) as { avg: number; n: number };
      expect(r.n).toBeGreaterThanOrEqual(2);
      expect(r.avg).toBeGreaterThanOrEqual(4.5);
    }
  }, 60_000);
});

describe('progress report PDF', () => {
  it('shows the dashboard figures for the same filter, every page renders, and the next report shows the change', async () => {
    const f = await reportFixture();
    const filter = { cohortId: f.cohort.id, from: '2027-01-11', to: '2027-04-05' };
    const dashboard = await f.call('reports.dashboard', filter);
    expect(dashboard.sessionsHeld).toBeGreaterThan(100);
    const file = await f.call('reports.export', { filter, options: { format: 'pdf', organisation: 'Acme Corporation' } });
    expect(file.mimeType).toBe('application/pdf');
    const { path, text } = pdfText(file.dataBase64);
    const flat = squash(text);
    expect(flat).toContain('ACME CORPORATION');
    expect(flat).toContain('Sample program · Sample cohort');
    expect(flat).toContain('11 Jan 2027 – 5 Apr 2027');
    for (const step of dashboard.funnel) {
      expect(flat).toContain(`${step.label} ${step.people} ${step.mentees} ${step.mentors} ${Math.round(step.ofRegistered * 100)}%`);
    }
    const total = dashboard.health.reduce((n, h) => n + h.pairs, 0);
    for (const h of dashboard.health) expect(flat).toContain(`${h.label}: ${h.pairs} (${Math.round((h.pairs / total) * 100)}%)`);
    expect(flat).toContain(`${dashboard.sessionsHeld} sessions held; the pairs' cadences called for ${dashboard.sessionsExpected}`);
    for (const w of dashboard.weeks.slice(-12)) {
      const day = new Date(`${w.week}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
      expect(flat).toContain(`${day} ${w.held} ${w.expected}`);
    }
    const goals = dashboard.goals!;
    expect(goals.reached).toBeGreaterThan(0);
    expect(flat).toContain(`${goals.reached} of ${goals.total} goals reached across ${goals.pairsWithGoals} pairs; ${goals.stuck} open goals`);
    expect(dashboard.satisfaction.length).toBeGreaterThan(0);
    for (const m of dashboard.satisfaction) {
      const month = new Date(`${m.month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
      expect(flat).toContain(`${month} ${m.ratings} ${m.averageMatch.toFixed(2)}`);
    }
    const atRisk = dashboard.health.find((h) => h.health === 'at-risk')!.pairs;
    expect(flat).toContain(`${atRisk} pairs at risk`);
    expect(flat).toContain('The pairs are not named in this report.');
    expect(flat).toContain('first report');

    // Every page renders to a picture that is not blank.
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    const out = tempDir();
    execFileSync('pdftoppm', ['-r', '40', '-png', path, join(out, 'page')]);
    const pngs = readdirSync(out).filter((n) => n.endsWith('.png'));
    expect(pngs).toHaveLength(pages);
    for (const png of pngs) expect(statSync(join(out, png)).size).toBeGreaterThan(2000);

    // The next report compares with this one.
    const next = pdfText((await f.call('reports.export', { filter, options: { format: 'pdf' } })).dataBase64, 'next.pdf');
    expect(squash(next.text)).toContain('Changes are since the previous report of 5 Apr 2027.');
    expect(squash(next.text)).toContain('no change');
  }, 120_000);

  it('names at-risk pairs only when asked, and accented and Japanese names come out as written', async () => {
    const f = await reportFixture();
    const members = f.store.sqlite.prepare("SELECT m.id, p.full_name FROM cohort_members m JOIN people p ON p.id = m.person_id WHERE p.full_name IN ('田中 智子', 'Chloé Müller-Łukasz')").all() as { id: string; full_name: string }[];
    expect(members).toHaveLength(2);
    const tanaka = members.find((m) => m.full_name === '田中 智子')!;
    const pair = f.store.sqlite.prepare("SELECT id FROM pairs WHERE mentor_id = ? AND status = 'active'").get(tanaka.id) as { id: string } | undefined;
    expect(pair, 'the Japanese mentor is matched').toBeDefined();
    // Her pair stops meeting: no session in the 12 weeks, so it is at risk.
    f.store.transact((w) => {
      for (const s of f.store.sqlite.prepare('SELECT id FROM sessions WHERE pair_id = ?').all(pair!.id) as { id: string }[]) w.remove('sessions', s.id);
    });
    const filter = { cohortId: f.cohort.id };
    const anonymous = squash(pdfText((await f.call('reports.export', { filter, options: { format: 'pdf', keepSnapshot: false } })).dataBase64).text);
    expect(anonymous).not.toContain('田中 智子');
    const named = squash(pdfText((await f.call('reports.export', { filter, options: { format: 'pdf', includeNames: true, keepSnapshot: false } })).dataBase64).text);
    expect(named).toContain('田中 智子');

    for (const m of members) {
      const cert = await f.call('reports.certificates', { cohortId: f.cohort.id, memberId: m.id, organisation: 'Société Générale' });
      const text = squash(pdfText(cert.dataBase64, 'cert.pdf').text);
      expect(text).toContain(m.full_name);
      expect(text).toContain('SOCIÉTÉ GÉNÉRALE');
      expect(text).toMatch(/Certificate of (participation|completion)/);
    }
    const all = await f.call('reports.certificates', { cohortId: f.cohort.id });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfText(all.dataBase64, 'all.pdf').path], { encoding: 'utf8' }))![1]);
    expect(pages).toBe(all.pages);
    expect(all.pages).toBeGreaterThan(50);
  }, 120_000);
});
