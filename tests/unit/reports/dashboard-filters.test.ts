import { describe, expect, it } from 'vitest';
import { NOW, reportFixture } from './fixture';

describe('dashboard filters', () => {
  it('a department counts its mentees\' pairs, a period its sessions: the same totals SQLite counts directly', async () => {
    const f = await reportFixture();
    const sql = <T>(text: string, ...params: unknown[]) => f.store.sqlite.prepare(text).all(...params) as T[];
    const { department } = sql<{ department: string }>(
      "SELECT me.department FROM pairs p JOIN cohort_members me ON me.id = p.mentee_id WHERE p.status = 'active' GROUP BY me.department ORDER BY COUNT(*) DESC LIMIT 1",
    )[0]!;
    const d = await f.call('reports.dashboard', { cohortId: f.cohort.id, department });
    const pairs = sql<{ id: string }>("SELECT p.id FROM pairs p JOIN cohort_members me ON me.id = p.mentee_id WHERE p.status = 'active' AND p.deleted_at IS NULL AND me.department = ?", department);
    expect(d.activePairs).toBe(pairs.length);
    expect(d.health.reduce((n, h) => n + h.pairs, 0)).toBe(pairs.length);
    const held = sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM sessions s JOIN pairs p ON p.id = s.pair_id JOIN cohort_members me ON me.id = p.mentee_id WHERE s.status = 'held' AND s.deleted_at IS NULL AND me.department = ? AND s.starts_at <= ?",
      department,
      NOW.toISOString(),
    )[0]!.n;
    expect(d.sessionsHeld).toBe(held);
    expect(d.weeks.reduce((n, w) => n + w.held, 0)).toBe(held);
    const everyone = await f.call('reports.dashboard', { cohortId: f.cohort.id });
    expect(d.sessionsHeld).toBeLessThan(everyone.sessionsHeld);
    // The dashboard's health (its own lean reading) counts what the Pairs page counts, pair by pair.
    const pairsPage = await f.call('pairs.overview', { cohortId: f.cohort.id, asOf: everyone.asOf });
    expect(Object.fromEntries(everyone.health.map((h) => [h.health, h.pairs]))).toEqual(pairsPage.counts);
    expect(new Set(Object.values(pairsPage.counts).filter((n) => n > 0)).size).toBeGreaterThan(1);
    expect(d.departments).toContain(department);

    // A period: only its sessions, figures as of its last day, weeks from its first.
    const period = await f.call('reports.dashboard', { cohortId: f.cohort.id, from: '2027-02-01', to: '2027-02-28' });
    const inFebruary = sql<{ n: number }>("SELECT COUNT(*) AS n FROM sessions WHERE status = 'held' AND deleted_at IS NULL AND starts_at >= '2027-02-01' AND starts_at < '2027-03-01'")[0]!.n;
    expect(inFebruary).toBeGreaterThan(0);
    expect(period.sessionsHeld).toBe(inFebruary);
    expect(period.weeks.reduce((n, w) => n + w.held, 0)).toBe(inFebruary);
    expect(period.asOf).toBe('2027-02-28T23:59:59.000Z');
    expect(period.weeks[0]!.week).toBe('2027-02-01'); // a Monday
    expect(period.weeks.at(-1)!.week).toBe('2027-02-22');

    // Each week's held sessions, as counted here from the sessions' own starts: the department's, over the period.
    const starts = sql<{ at: string }>(
      "SELECT s.starts_at AS at FROM sessions s JOIN pairs p ON p.id = s.pair_id JOIN cohort_members me ON me.id = p.mentee_id WHERE s.status = 'held' AND s.deleted_at IS NULL AND me.department = ? AND s.starts_at >= '2027-02-01' AND s.starts_at < '2027-03-01'",
      department,
    );
    const mondayOf = (at: string) => {
      const t = Date.parse(`${at.slice(0, 10)}T00:00:00Z`);
      return new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    };
    const perWeek = new Map<string, number>();
    for (const { at } of starts) perWeek.set(mondayOf(at), (perWeek.get(mondayOf(at)) ?? 0) + 1);
    const both = await f.call('reports.dashboard', { cohortId: f.cohort.id, department, from: '2027-02-01', to: '2027-02-28' });
    expect(both.weeks.filter((w) => w.held > 0).map((w) => [w.week, w.held])).toEqual([...perWeek].sort());
    expect(perWeek.size).toBeGreaterThan(2);
  }, 60_000);

  it('refuses a period that ends before it starts', async () => {
    const f = await reportFixture();
    await expect(f.call('reports.dashboard', { cohortId: f.cohort.id, from: '2027-03-01', to: '2027-02-01' })).rejects.toThrow('The period starts after it ends');
  }, 60_000);
});
