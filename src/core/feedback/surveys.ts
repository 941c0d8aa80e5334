import { z } from 'zod';
import type { Store } from '../db/store';
import { NotFoundError, UserError } from '../errors';
import type { Survey } from './contract';
import { GROUP_ATTRIBUTES, type GroupAttribute } from './generalise';
import { SurveyQuestion } from './questions';
import { forgetResponses, withSecureDelete } from './forget';
import { checkedK, showable } from './suppression';

export type Role = 'mentor' | 'mentee';

/** A survey as the core works with it (no counts). */
export interface SurveyDefinition {
  id: string;
  cohortId: string;
  cohortName: string;
  title: string;
  anonymous: boolean;
  roles: Role[];
  groupBy: GroupAttribute[];
  k: number;
  questions: SurveyQuestion[];
  smallGroups: Partial<Record<GroupAttribute, { value: string; reason: 'small' | 'complement' }[]>>;
  closedAt: string | null;
  importedAt: string | null;
}

const Roles = z.array(z.enum(['mentor', 'mentee']));
const Attributes = z.array(z.enum(GROUP_ATTRIBUTES));

export function getSurvey(store: Store, surveyId: string): SurveyDefinition {
  const row = store.first(
    store.q
      .selectFrom('surveys as s')
      .innerJoin('cohorts as c', 'c.id', 's.cohort_id')
      .selectAll('s')
      .select('c.name as cohort_name')
      .where('s.id', '=', surveyId)
      .where('s.deleted_at', 'is', null),
  );
  if (!row) throw new NotFoundError(`No survey with id ${surveyId}`);
  return {
    id: row.id,
    cohortId: row.cohort_id,
    cohortName: row.cohort_name,
    title: row.title,
    anonymous: row.anonymous === 1,
    roles: Roles.parse(JSON.parse(row.roles)),
    groupBy: Attributes.parse(JSON.parse(row.group_by)),
    k: row.min_group_size,
    questions: z.array(SurveyQuestion).parse(JSON.parse(row.questions)),
    smallGroups: JSON.parse(row.small_groups) as SurveyDefinition['smallGroups'],
    closedAt: row.closed_at,
    importedAt: row.imported_at,
  };
}

export function responseCount(store: Store, surveyId: string): number {
  const row = store.first(
    store.q.selectFrom('survey_responses').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', surveyId).where('deleted_at', 'is', null),
  );
  return row?.n ?? 0;
}

/** Live members of the cohort in the given roles: who a survey asks. */
export function invitedMembers(store: Store, cohortId: string, roles: readonly Role[]) {
  return store.all(
    store.q
      .selectFrom('cohort_members as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['m.id', 'm.person_id', 'm.role', 'm.department', 'm.team', 'p.email_key', 'p.email', 'p.full_name'])
      .where('m.cohort_id', '=', cohortId)
      .where('m.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where('m.role', 'in', roles.length > 0 ? [...roles] : ['mentor', 'mentee']),
  );
}

export function toSurvey(store: Store, def: SurveyDefinition): Survey {
  const n = responseCount(store, def.id);
  return {
    id: def.id,
    cohortId: def.cohortId,
    cohortName: def.cohortName,
    title: def.title,
    anonymous: def.anonymous,
    roles: def.roles,
    groupBy: def.groupBy,
    minGroupSize: def.k,
    questions: def.questions,
    closedAt: def.closedAt,
    importedAt: def.importedAt,
    invited: invitedMembers(store, def.cohortId, def.roles).length,
    responses: showable(n, def.k) ? n : null,
    hasResponses: n > 0,
  };
}

export function listSurveys(store: Store, cohortId: string): Survey[] {
  const ids = store.all(store.q.selectFrom('surveys').select(['id']).where('cohort_id', '=', cohortId).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id'));
  return ids.map((r) => toSurvey(store, getSurvey(store, r.id)));
}

export interface SurveyInput {
  title: string;
  anonymous: boolean;
  roles: Role[];
  groupBy: GroupAttribute[];
  minGroupSize: number;
  questions: SurveyQuestion[];
}

function assertCohort(store: Store, cohortId: string): void {
  const row = store.first(store.q.selectFrom('cohorts').select('id').where('id', '=', cohortId).where('deleted_at', 'is', null));
  if (!row) throw new NotFoundError(`No cohort with id ${cohortId}`);
}

export function defineSurvey(store: Store, input: SurveyInput & { cohortId: string }): Survey {
  assertCohort(store, input.cohortId);
  const id = store.transact((w) =>
    w.insert('surveys', {
      cohort_id: input.cohortId,
      title: input.title,
      anonymous: input.anonymous ? 1 : 0,
      roles: JSON.stringify([...new Set(input.roles)]),
      group_by: JSON.stringify([...new Set(input.groupBy)]),
      min_group_size: checkedK(input.minGroupSize),
      questions: JSON.stringify(input.questions),
      small_groups: '{}',
      closed_at: null,
      imported_at: null,
    }),
  );
  return toSurvey(store, getSurvey(store, id));
}

export function updateSurvey(store: Store, input: Partial<SurveyInput> & { surveyId: string }): Survey {
  const def = getSurvey(store, input.surveyId);
  const answered = responseCount(store, def.id) > 0;
  const structural = (['anonymous', 'roles', 'groupBy', 'questions'] as const).filter((key) => input[key] !== undefined && JSON.stringify(input[key]) !== JSON.stringify(key === 'anonymous' ? def.anonymous : def[key]));
  if (answered && structural.length > 0) {
    if (structural.includes('anonymous') && def.anonymous) {
      throw new UserError('This survey is anonymous and has answers: it cannot become attributed (its respondents were promised anonymity)');
    }
    throw new UserError(`This survey has answers: its ${structural.join(', ')} can no longer change (only its title and minimum group size)`);
  }
  if (def.closedAt && input.minGroupSize !== undefined && input.minGroupSize < def.k) {
    throw new UserError('This survey is closed: its minimum group size can be raised, not lowered');
  }
  store.transact((w) =>
    w.update('surveys', def.id, {
      title: input.title,
      anonymous: input.anonymous === undefined ? undefined : input.anonymous ? 1 : 0,
      roles: input.roles && JSON.stringify([...new Set(input.roles)]),
      group_by: input.groupBy && JSON.stringify([...new Set(input.groupBy)]),
      min_group_size: input.minGroupSize === undefined ? undefined : checkedK(input.minGroupSize),
      questions: input.questions && JSON.stringify(input.questions),
    }),
  );
  return toSurvey(store, getSurvey(store, def.id));
}

export function closeSurvey(store: Store, surveyId: string, now: Date): Survey {
  const def = getSurvey(store, surveyId);
  if (def.closedAt) throw new UserError('This survey is already closed');
  store.transact((w) => w.update('surveys', def.id, { closed_at: now.toISOString() }));
  return toSurvey(store, getSurvey(store, def.id));
}

export function removeSurvey(store: Store, surveyId: string, now: Date): { removed: boolean } {
  const def = getSurvey(store, surveyId);
  const responses = store.all(store.q.selectFrom('survey_responses').select('id').where('survey_id', '=', def.id).where('deleted_at', 'is', null));
  withSecureDelete(store, () =>
    store.transact((w) => {
      forgetResponses(store, responses.map((r) => r.id), now);
      w.remove('surveys', def.id);
    }),
  );
  return { removed: true };
}
