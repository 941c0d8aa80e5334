import type { PreparedCohort } from './cohort';
import type { SideConstraint } from './mip';

/**
 * Translates the coordinator's side constraints into linear rows over allowed pairs. Locked pairs
 * are constants: they count toward caps and the cross-department share, so bounds are shifted by them.
 */
export function buildSideConstraints(c: PreparedCohort): SideConstraint[] {
  const out: SideConstraint[] = [];
  const { table, features: f } = c;
  const incoming: number[][] = Array.from({ length: c.mentors.length }, () => []);
  for (let i = 0; i < table.nMentees; i++) {
    for (let p = table.rowStart[i]!; p < table.rowStart[i + 1]!; p++) incoming[table.mentor[p]!]!.push(p);
  }
  const rowOf = new Int32Array(table.mentor.length);
  for (let i = 0; i < table.nMentees; i++) rowOf.fill(i, table.rowStart[i]!, table.rowStart[i + 1]!);

  for (const cap of c.settings.mentorAttributeCaps) {
    const key = cap.attribute === 'department' ? f.mentees.department : f.mentees.team;
    incoming.forEach((arcs, j) => {
      const groups = new Map<number, number[]>();
      for (const p of arcs) {
        const v = key[rowOf[p]!]!;
        if (v < 0) continue; // unknown attribute: not part of any group
        let g = groups.get(v);
        if (!g) groups.set(v, (g = []));
        g.push(p);
      }
      for (const [v, g] of [...groups].sort((a, b) => a[0] - b[0])) {
        const locked = c.locks.filter((l) => l.mentor === j && key[l.mentee] === v).length;
        if (g.length + locked <= cap.max) continue; // cannot bind
        out.push({
          name: `at most ${cap.max} per ${cap.attribute} for mentor ${c.mentors[j]!.id}`,
          arcs: g,
          coef: g.map(() => 1),
          upper: Math.max(0, cap.max - locked),
        });
      }
    });
  }

  const share = c.settings.minCrossDepartmentShare ?? 0;
  if (share > 0) {
    const isCross = (i: number, j: number) => {
      const a = f.mentees.department[i]!;
      const b = f.mentors.department[j]!;
      return a >= 0 && b >= 0 && a !== b ? 1 : 0;
    };
    const arcs: number[] = [];
    const coef: number[] = [];
    for (let i = 0; i < table.nMentees; i++) {
      for (let p = table.rowStart[i]!; p < table.rowStart[i + 1]!; p++) {
        arcs.push(p);
        coef.push(isCross(i, table.mentor[p]!) - share);
      }
    }
    let lockedPart = 0;
    for (const l of c.locks) lockedPart += isCross(l.mentee, l.mentor) - share;
    out.push({ name: `at least ${Math.round(share * 100)}% cross-department pairs`, arcs, coef, lower: -lockedPart });
  }
  return out;
}
