import { z } from 'zod';
import type { InferResult } from 'kysely';
import { foldKey } from '../db/fold';
import type { Store } from '../db/store';
import { AvailabilityWindow, type Member } from '../domain/participant';
import type { MemberPatch } from './contract';
import { NotFoundError, UserError } from '../errors';
import { normaliseEmail, parseAvailability } from '../import/normalise';
import { normaliseTimeZone } from '../import/timezones';

function memberQuery(store: Store) {
  return store.q
    .selectFrom('cohort_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .selectAll('m')
    .select(['p.full_name', 'p.email'])
    .where('m.deleted_at', 'is', null);
}

type MemberRow = InferResult<ReturnType<typeof memberQuery>>[number];

const StringList = z.array(z.string());
const Availability = z.array(AvailabilityWindow);

function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    personId: row.person_id,
    cohortId: row.cohort_id,
    fullName: row.full_name,
    email: row.email,
    role: row.role,
    capacity: row.capacity,
    timezone: row.timezone,
    interests: StringList.parse(JSON.parse(row.interests)),
    expertise: StringList.parse(JSON.parse(row.expertise)),
    goals: row.goals,
    bio: row.bio,
    languages: StringList.parse(JSON.parse(row.languages)),
    department: row.department,
    team: row.team,
    managerEmail: row.manager_email,
    seniorityYears: row.seniority_years,
    availability: Availability.parse(JSON.parse(row.availability)),
    approval: row.approval,
  };
}

/** Members of a cohort, mentors first, then by name: the order the grid and the CLI show. */
export function listMembers(store: Store, cohortId: string): Member[] {
  return store
    .all(memberQuery(store).where('m.cohort_id', '=', cohortId).orderBy('m.role', 'desc').orderBy('p.full_name').orderBy('m.id'))
    .map(toMember);
}

export function getMember(store: Store, id: string): Member {
  const row = store.first(memberQuery(store).where('m.id', '=', id));
  if (!row) throw new NotFoundError(`No cohort member with id ${id}`);
  return toMember(row);
}


const emptyToNull = (value: string | null | undefined): string | null | undefined =>
  value === undefined ? undefined : value === null || value.trim() === '' ? null : value.trim();

/** Edits one member (and the person's name/email, which every cohort of the program shares). */
export function updateMember(store: Store, id: string, patch: MemberPatch): Member {
  const current = getMember(store, id);
  const email = patch.email === undefined ? undefined : normaliseEmail(patch.email);
  if (email && !email.ok) throw new UserError(`Email "${patch.email}": ${email.error}`);
  const timezone = patch.timezone ? normaliseTimeZone(patch.timezone) : undefined;
  if (timezone && !timezone.ok) throw new UserError(`Time zone "${patch.timezone}": ${timezone.error}`);
  const manager = patch.managerEmail ? normaliseEmail(patch.managerEmail) : undefined;
  const typed = patch.availabilityText === undefined ? undefined : parseAvailability(patch.availabilityText);
  if (typed && !typed.ok) throw new UserError(`Weekly availability "${patch.availabilityText}": ${typed.error}`);
  const availability = typed?.ok ? typed.value : patch.availability;
  if (manager && !manager.ok) throw new UserError(`Manager email "${patch.managerEmail}": ${manager.error}`);

  store.transact((w) => {
    if (email?.ok && email.value !== current.email) {
      const person = store.first(store.q.selectFrom('people').select('program_id').where('id', '=', current.personId));
      // Emails compare folded (foldKey), as the people_program_email_key index does.
      const clash = store.first(
        store.q
          .selectFrom('people')
          .select(['id', 'full_name'])
          .where('program_id', '=', person!.program_id)
          .where('email_key', '=', foldKey(email.value))
          .where('id', '!=', current.personId)
          .where('deleted_at', 'is', null),
      );
      if (clash) throw new UserError(`${email.value} already belongs to ${clash.full_name} in this program`);
    }
    w.update('people', current.personId, {
      full_name: patch.fullName,
      email: email?.ok ? email.value : undefined,
    });
    w.update('cohort_members', id, {
      role: patch.role,
      capacity: patch.capacity,
      timezone: patch.timezone === undefined ? undefined : timezone?.ok ? timezone.value : null,
      interests: patch.interests && JSON.stringify(patch.interests),
      expertise: patch.expertise && JSON.stringify(patch.expertise),
      languages: patch.languages && JSON.stringify(patch.languages),
      goals: patch.goals,
      bio: patch.bio,
      department: emptyToNull(patch.department),
      team: emptyToNull(patch.team),
      manager_email: patch.managerEmail === undefined ? undefined : manager?.ok ? manager.value : null,
      seniority_years: patch.seniorityYears,
      availability: availability && JSON.stringify(availability),
      approval: patch.approval,
    });
  });
  return getMember(store, id);
}

export function removeMember(store: Store, id: string): void {
  getMember(store, id);
  store.transact((w) => w.remove('cohort_members', id));
}
