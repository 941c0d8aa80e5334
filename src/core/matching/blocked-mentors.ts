/**
 * The identity rules (self, same team, reporting line, forbidden and earlier pairs) for the
 * pair-table builder, found through reverse indexes instead of a test per pair. They must agree
 * with PairRules.mask (rules.ts); a test checks that they do.
 */
import type { CohortFeatures } from './features';
import type { PairRules } from './rules';
import type { MatchSettings } from './settings';

/** Mentors per interned value (kept by `keep`): a reverse index for rules of the form "same X". */
function mentorsBy(values: Int32Array, keep: (v: number) => boolean): Map<number, number[]> {
  const index = new Map<number, number[]>();
  values.forEach((v, j) => {
    if (!keep(v)) return;
    const list = index.get(v);
    if (list) list.push(j);
    else index.set(v, [j]);
  });
  return index;
}

/**
 * The identity rules (self, same team, reporting line, forbidden and earlier pairs), the same
 * tests as PairRules.mask (a test checks that both agree). They block only the few mentors that
 * share a person, team or email with a mentee, so reverse indexes find those directly instead of
 * every pair being compared.
 */
export class BlockedMentors {
  /** 1 for each mentor blocked for the loaded mentee. */
  readonly mark: Uint8Array;
  /** The loaded mentee's blocked mentors, each once. */
  readonly list: number[] = [];
  private readonly byPerson: Map<number, number[]>;
  private readonly byTeam: Map<number, number[]> | null;
  private readonly byEmail: Map<number, number[]> | null;
  private readonly byManager: Map<number, number[]> | null;
  private readonly explicit = new Map<number, number[]>();

  constructor(
    private readonly f: CohortFeatures,
    rules: PairRules,
    hard: MatchSettings['rules'],
  ) {
    const r = f.mentors;
    const m = r.members.length;
    this.mark = new Uint8Array(m);
    this.byPerson = mentorsBy(r.person, () => true); // as in mask, two unknown persons (−1) count as the same
    this.byTeam = hard.excludeSameTeam ? mentorsBy(r.team, (v) => v >= 0) : null;
    this.byEmail = hard.excludeReportingLine ? mentorsBy(r.email, (v) => v >= 0) : null;
    this.byManager = hard.excludeReportingLine ? mentorsBy(r.manager, (v) => v >= 0) : null;
    for (const key of [...rules.forbidden, ...rules.earlier]) {
      const i = Math.floor(key / m);
      const list = this.explicit.get(i);
      if (list) list.push(key - i * m);
      else this.explicit.set(i, [key - i * m]);
    }
  }

  /** Marks mentee `i`'s blocked mentors (clearing the previous mentee's). */
  load(i: number): void {
    for (const j of this.list) this.mark[j] = 0;
    this.list.length = 0;
    const e = this.f.mentees;
    this.add(this.byPerson.get(e.person[i]!));
    if (this.byTeam && e.team[i]! >= 0) this.add(this.byTeam.get(e.team[i]!));
    if (this.byEmail && e.manager[i]! >= 0) this.add(this.byEmail.get(e.manager[i]!));
    if (this.byManager && e.email[i]! >= 0) this.add(this.byManager.get(e.email[i]!));
    this.add(this.explicit.get(i));
  }

  private add(mentors: readonly number[] | undefined): void {
    if (!mentors) return;
    for (const j of mentors) {
      if (this.mark[j]) continue;
      this.mark[j] = 1;
      this.list.push(j);
    }
  }
}
