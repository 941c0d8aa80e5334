import { describe, expect, it } from 'vitest';
import { NOW, reportFixture } from './fixture';

type Stage = 'registered' | 'approved' | 'matched' | 'first-session' | 'active' | 'completed';

/**
 * The funnel worked out person by person from the stage definitions (docs: a person who reached a later stage
 * passed the earlier ones), straight from the tables and the Pairs page's health: the oracle the dashboard's
 * counts are compared with.
 */
async function funnelByDefinition(f: Awaited<ReturnType<typeof reportFixture>>, department: string | null): Promise<Record<Stage, { people: number; mentees: number }>> {
  const sql = <T>(text: string, ...params: unknown[]) => f.store.sqlite.prepare(text).all(...params) as T[];
  const asOf = NOW.toISOString();
  const members = new Map(
    sql<{ id: string; role: string; approval: string; department: string | null; created_at: string; live: number }>(
      'SELECT m.id, m.role, m.approval, m.department, m.created_at, (m.deleted_at IS NULL AND p.deleted_at IS NULL) AS live FROM cohort_members m JOIN people p ON p.id = m.person_id WHERE m.cohort_id = ?',
      f.cohort.id,
    ).map((m) => [m.id, m]),
  );
  // Removed members are not known to the department filter: their side of a pair counts only without one.
  const inDept = (id: string) => department === null || (members.get(id)?.live === 1 && members.get(id)?.department === department);
  const pairs = sql<{ id: string; mentee_id: string; mentor_id: string; status: string; close_outcome: string | null }>(
    'SELECT id, mentee_id, mentor_id, status, close_outcome FROM pairs WHERE cohort_id = ? AND deleted_at IS NULL AND started_at <= ?',
    f.cohort.id,
    asOf,
  ).filter((p) => inDept(p.mentee_id));
  const held = new Set(sql<{ pair_id: string }>("SELECT DISTINCT pair_id FROM sessions WHERE status = 'held' AND deleted_at IS NULL AND starts_at <= ?", asOf.replace('.000Z', 'Z')).map((r) => r.pair_id));
  const overview = await f.call('pairs.overview', { cohortId: f.cohort.id, asOf });
  const healthy = new Set(overview.pairs.filter((p) => p.health !== 'at-risk' && p.held > 0).map((p) => p.pairId));

  const reached = new Map<string, Set<Stage>>();
  const add = (id: string, stage: Stage) => (reached.get(id) ?? reached.set(id, new Set()).get(id)!).add(stage);
  for (const m of members.values()) if (m.live === 1 && m.created_at <= asOf && inDept(m.id)) add(m.id, 'registered');
  for (const p of pairs) {
    for (const id of [p.mentee_id, p.mentor_id]) {
      if (!inDept(id)) continue;
      add(id, 'registered');
      add(id, 'matched');
      if (held.has(p.id)) add(id, 'first-session');
      if (p.status === 'active' && healthy.has(p.id)) add(id, 'active');
      if (p.close_outcome === 'completed') add(id, 'completed');
    }
  }
  const stages: Stage[] = ['registered', 'approved', 'matched', 'first-session', 'active', 'completed'];
  const out = Object.fromEntries(stages.map((s) => [s, { people: 0, mentees: 0 }])) as Record<Stage, { people: number; mentees: number }>;
  for (const [id, got] of reached) {
    const m = members.get(id);
    const live = m?.live === 1;
    if (live ? m.approval === 'approved' || (m.approval !== 'rejected' && got.has('matched')) : got.has('matched')) got.add('approved');
    for (const s of got) {
      out[s].people += 1;
      if (live && m.role === 'mentee') out[s].mentees += 1;
    }
  }
  return out;
}

describe('the dashboard funnel', () => {
  it('counts each person once per stage reached, as the stage definitions say, with a department and without', async () => {
    const f = await reportFixture();
    const sql = <T>(text: string, ...params: unknown[]) => f.store.sqlite.prepare(text).all(...params) as T[];
    // The cases the fixture alone lacks: a matched person rejected afterwards, a removed mentor whose pair stays,
    // a completed pair and a dissolved one.
    const pairs = sql<{ id: string; mentee_id: string; mentor_id: string }>("SELECT id, mentee_id, mentor_id FROM pairs WHERE status = 'active' ORDER BY started_at, id");
    await f.call('members.setApprovals', { changes: [{ id: pairs[0]!.mentee_id, approval: 'rejected' }] });
    await f.call('members.remove', { id: pairs[1]!.mentor_id });
    await f.call('pairs.close', { pairId: pairs[2]!.id, outcome: 'completed', reason: '' });
    await f.call('pairs.dissolve', { pairId: pairs[3]!.id });

    // The completed pair's department, so that every stage has someone in it there too.
    const { department } = sql<{ department: string }>('SELECT department FROM cohort_members WHERE id = ?', pairs[2]!.mentee_id)[0]!;
    expect(department).not.toBeNull();
    for (const dept of [null, department]) {
      const d = await f.call('reports.dashboard', dept === null ? { cohortId: f.cohort.id } : { cohortId: f.cohort.id, department: dept });
      const want = await funnelByDefinition(f, dept);
      const registered = want.registered.people;
      expect(d.funnel.map((s) => s.stage)).toEqual(['registered', 'approved', 'matched', 'first-session', 'active', 'completed']);
      for (const s of d.funnel) {
        expect({ stage: s.stage, people: s.people, mentees: s.mentees, mentors: s.mentors }).toEqual({
          stage: s.stage,
          people: want[s.stage].people,
          mentees: want[s.stage].mentees,
          mentors: want[s.stage].people - want[s.stage].mentees,
        });
        expect(s.ofRegistered).toBeCloseTo(want[s.stage].people / registered, 12);
      }
      // Every stage has someone in it, so a stage counted wrongly as empty cannot pass.
      expect(d.funnel.every((s) => s.people > 0)).toBe(true);
      expect(want.approved.people).toBeLessThan(want.registered.people);
    }
  }, 60_000);

  it("lists each mentor's load as the tables count it: active mentees, sessions held in the period, pairs at risk", async () => {
    const f = await reportFixture();
    const sql = <T>(text: string, ...params: unknown[]) => f.store.sqlite.prepare(text).all(...params) as T[];
    const from = '2027-03-01';
    const d = await f.call('reports.dashboard', { cohortId: f.cohort.id, from });
    const overview = await f.call('pairs.overview', { cohortId: f.cohort.id, asOf: d.asOf });
    const atRisk = new Set(overview.pairs.filter((p) => p.health === 'at-risk').map((p) => p.pairId));
    const mentors = sql<{ id: string; name: string }>(
      "SELECT m.id, p.full_name AS name FROM cohort_members m JOIN people p ON p.id = m.person_id WHERE m.cohort_id = ? AND m.role = 'mentor' AND m.deleted_at IS NULL",
      f.cohort.id,
    );
    const want = mentors.map((m) => {
      const own = sql<{ id: string; status: string }>('SELECT id, status FROM pairs WHERE mentor_id = ? AND deleted_at IS NULL', m.id);
      const held = own.reduce(
        (n, p) => n + sql<{ n: number }>("SELECT COUNT(*) AS n FROM sessions WHERE pair_id = ? AND status = 'held' AND deleted_at IS NULL AND starts_at >= ? AND starts_at <= ?", p.id, `${from}T00:00:00Z`, d.asOf.replace('.000Z', 'Z'))[0]!.n,
        0,
      );
      const active = own.filter((p) => p.status === 'active');
      return { memberId: m.id, mentees: active.length, held, atRisk: active.filter((p) => atRisk.has(p.id)).length };
    });
    const got = new Map(d.mentors.map((m) => [m.memberId, { memberId: m.memberId, mentees: m.mentees, held: m.held, atRisk: m.atRisk }]));
    expect(d.mentors).toHaveLength(mentors.length);
    for (const w of want) expect(got.get(w.memberId)).toEqual(w);
    // Busiest first: more mentees, then more sessions held.
    for (let i = 1; i < d.mentors.length; i++) {
      const [a, b] = [d.mentors[i - 1]!, d.mentors[i]!];
      expect(a.mentees > b.mentees || (a.mentees === b.mentees && a.held >= b.held)).toBe(true);
    }
    expect(want.some((w) => w.atRisk > 0) && want.some((w) => w.held > 0)).toBe(true);
  }, 60_000);
});
