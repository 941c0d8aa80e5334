import type { Store } from '../db/store';
import type { Writer } from '../db/writer';

/**
 * Rows created offline under a parent that another replica has meanwhile folded into its twin (the
 * same program, cohort or person imported on two machines): they arrive pointing at the tombstoned
 * duplicate. They follow the survivor — the live row with the same folded key, the oldest one as the
 * merge picks it — and any duplicates this makes are folded by the merge that runs next.
 */
const RULES = [
  // [child table, foreign key, parent table, the parent's twin: same key among live rows]
  {
    child: 'people',
    column: 'program_id',
    twin: `SELECT t.id FROM programs d JOIN programs t ON t.name_key = d.name_key AND t.deleted_at IS NULL WHERE d.id = ? ORDER BY t.created_at, t.id LIMIT 1`,
    parent: 'programs',
  },
  {
    child: 'cohorts',
    column: 'program_id',
    twin: `SELECT t.id FROM programs d JOIN programs t ON t.name_key = d.name_key AND t.deleted_at IS NULL WHERE d.id = ? ORDER BY t.created_at, t.id LIMIT 1`,
    parent: 'programs',
  },
  {
    child: 'cohort_members',
    column: 'cohort_id',
    twin: `SELECT t.id FROM cohorts d JOIN cohorts t ON t.name_key = d.name_key AND t.deleted_at IS NULL
             AND (t.program_id = d.program_id OR t.program_id = (SELECT s.id FROM programs p JOIN programs s ON s.name_key = p.name_key AND s.deleted_at IS NULL WHERE p.id = d.program_id ORDER BY s.created_at, s.id LIMIT 1))
            WHERE d.id = ? ORDER BY t.created_at, t.id LIMIT 1`,
    parent: 'cohorts',
  },
  {
    child: 'cohort_members',
    column: 'person_id',
    twin: `SELECT t.id FROM people d JOIN people t ON t.email_key = d.email_key AND t.deleted_at IS NULL
             AND (t.program_id = d.program_id OR t.program_id = (SELECT s.id FROM programs p JOIN programs s ON s.name_key = p.name_key AND s.deleted_at IS NULL WHERE p.id = d.program_id ORDER BY s.created_at, s.id LIMIT 1))
            WHERE d.id = ? ORDER BY t.created_at, t.id LIMIT 1`,
    parent: 'people',
  },
] as const;

export function adoptOrphans(store: Store, w: Writer): number {
  let moved = 0;
  for (const rule of RULES) {
    const orphans = store
      .prepare(`SELECT c.id, c.${rule.column} AS parent FROM ${rule.child} c JOIN ${rule.parent} p ON p.id = c.${rule.column} WHERE c.deleted_at IS NULL AND p.deleted_at IS NOT NULL`)
      .all() as { id: string; parent: string }[];
    for (const orphan of orphans) {
      const twin = store.prepare(rule.twin).pluck().get(orphan.parent) as string | undefined;
      if (!twin || twin === orphan.parent) continue;
      w.update(rule.child, orphan.id, { [rule.column]: twin } as never);
      moved += 1;
    }
  }
  return moved;
}
