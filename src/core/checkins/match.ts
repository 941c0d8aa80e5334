import { foldKey } from '../db/fold';
import type { Store } from '../db/store';
import type { RowProblem } from '../import/contract';
import { shorten } from '../import/limits';
import { activePairs } from '../pairs/publish';

export interface CohortPerson {
  memberId: string;
  name: string;
  email: string;
}

export interface ActivePairRef {
  pairId: string;
  startedAt: string;
  mentor: CohortPerson;
  mentee: CohortPerson;
}

export interface Respondent {
  pair: ActivePairRef;
  person: CohortPerson;
  role: 'mentor' | 'mentee';
}

/** Who in a cohort can answer a check-in: each member by folded email, with their active pairs. */
export interface CohortRespondents {
  members: Map<string, CohortPerson>;
  pairsOf: Map<string, { pair: ActivePairRef; role: 'mentor' | 'mentee' }[]>;
}

export function cohortRespondents(store: Store, cohortId: string): CohortRespondents {
  const rows = store.all(
    store.q
      .selectFrom('cohort_members as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['m.id', 'p.full_name', 'p.email'])
      .where('m.cohort_id', '=', cohortId)
      .where('m.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null),
  );
  const byId = new Map(rows.map((r) => [r.id, { memberId: r.id, name: r.full_name, email: r.email }]));
  const members = new Map<string, CohortPerson>();
  for (const person of byId.values()) if (person.email) members.set(foldKey(person.email), person);
  const pairsOf = new Map<string, { pair: ActivePairRef; role: 'mentor' | 'mentee' }[]>();
  const add = (memberId: string, pair: ActivePairRef, role: 'mentor' | 'mentee') => {
    const list = pairsOf.get(memberId);
    if (list) list.push({ pair, role });
    else pairsOf.set(memberId, [{ pair, role }]);
  };
  for (const pair of activePairs(store, cohortId)) {
    const mentor = byId.get(pair.mentorId);
    const mentee = byId.get(pair.menteeId);
    if (!mentor || !mentee) continue;
    const ref = { pairId: pair.id, startedAt: pair.startedAt, mentor, mentee };
    add(mentor.memberId, ref, 'mentor');
    add(mentee.memberId, ref, 'mentee');
  }
  return { members, pairsOf };
}

type Found = { ok: true; respondent: Respondent } | { ok: false; problem: Omit<RowProblem, 'line'> };

/**
 * The active pair an answer belongs to, by the respondent's email (and, for a mentor with several
 * mentees, the partner's): someone the cohort does not know, or who is in no active pair, or a mentor
 * whose answer could be about more than one pair, is a problem naming the column, never a guess.
 */
export function findRespondent(
  index: CohortRespondents,
  cells: { email: string; emailColumn: string; partner: string | null; partnerColumn: string },
): Found {
  const fail = (column: string, value: string, message: string): Found => ({ ok: false, problem: { column, value: shorten(value, 80), message } });
  const person = index.members.get(foldKey(cells.email));
  if (!person) return fail(cells.emailColumn, cells.email, 'no one in this cohort has this email');
  let pairs = index.pairsOf.get(person.memberId) ?? [];
  if (pairs.length === 0) return fail(cells.emailColumn, cells.email, `${person.name} is in no active pair of this cohort`);
  if (cells.partner !== null) {
    const partnerKey = foldKey(cells.partner);
    pairs = pairs.filter(({ pair, role }) => foldKey((role === 'mentor' ? pair.mentee : pair.mentor).email) === partnerKey);
    if (pairs.length === 0) return fail(cells.partnerColumn, cells.partner, `${person.name} has no active pair with this person`);
  }
  if (pairs.length > 1) {
    const names = pairs.map(({ pair, role }) => (role === 'mentor' ? pair.mentee : pair.mentor).name).join(', ');
    return fail(cells.emailColumn, cells.email, `${person.name} is in ${pairs.length} active pairs (with ${names}): give the partner's email in a column for it`);
  }
  const [only] = pairs;
  return { ok: true, respondent: { pair: only!.pair, person, role: only!.role } };
}
