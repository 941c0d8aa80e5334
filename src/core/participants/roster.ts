import { foldKey } from '../db/fold';
import type { Store } from '../db/store';
import type { ApprovalStatus, Member } from '../domain/participant';
import { UserError } from '../errors';
import { toCsvBytes } from '../files/csv';
import { fileNamePart } from '../files/names';
import { toXlsx, type XlsxCell } from '../files/xlsx';
import { commitImport } from '../import/commit';
import { FIELD_LABELS, type ColumnMapping, type ImportField } from '../import/fields';
import { normaliseEmail } from '../import/normalise';
import { formatProblem, validateTable } from '../import/validate';
import { activePairs } from '../pairs/publish';
import { getCohort } from '../programs/programs';
import type { ApprovalChange, NewMember } from './contract';
import { getMember, listMembers } from './members';

/**
 * The cohort's roster beyond import: a person added by hand (checked exactly as an imported row is), approvals
 * set for many at once, and who is left over once pairs are published.
 */

/** A person typed into the app is one row of a form: the import's rules and messages apply, field by field. */
export function addMember(store: Store, cohortId: string, person: NewMember): Member {
  const cohort = getCohort(store, cohortId);
  const fields = Object.entries(person).filter(([, value]) => value !== undefined && value !== null) as [ImportField, string | number | string[]][];
  const mapping: ColumnMapping = fields.map(([field]) => ({ column: FIELD_LABELS[field], field }));
  const cells = fields.map(([, value]) => (Array.isArray(value) ? value.join('; ') : String(value)));
  const validated = validateTable({ headers: mapping.map((m) => m.column), rows: [cells] }, mapping);
  if (validated.problems.length > 0) {
    // "line 2" means nothing in a form: name the field only.
    throw new UserError(validated.problems.map((p) => formatProblem(p).replace(/^line \d+, column "([^"]+)", /, '$1: ')).join('\n'));
  }
  const email = normaliseEmail(person.email);
  // Emails compare folded (foldKey), as the import and the people_program_email_key index do.
  const sameEmail = (m: Member) => email.ok && foldKey(m.email) === foldKey(email.value);
  const existing = listMembers(store, cohortId).find(sameEmail);
  if (existing) throw new UserError(`${existing.email} is already in ${cohort.name} as ${existing.fullName}`);
  commitImport(store, cohortId, validated, { skipInvalid: false });
  const added = listMembers(store, cohortId).find(sameEmail);
  if (!added) throw new Error('the added member was not found after commit');
  return added;
}

/** Sets each member's approval in one transaction; answers what each was before, so the change can be undone. */
export function setApprovals(store: Store, changes: readonly ApprovalChange[]): ApprovalChange[] {
  const before = changes.map((c) => ({ id: c.id, approval: getMember(store, c.id).approval as ApprovalStatus }));
  store.transact((w) => {
    for (const c of changes) w.update('cohort_members', c.id, { approval: c.approval });
  });
  return before;
}

interface Leftover {
  member: Member;
  /** Mentors: slots left (capacity minus active pairs). */
  spare: number | null;
}

/** Mentees without an active pair and mentors with room for more, by the cohort's published pairs. */
export function leftovers(store: Store, cohortId: string): Leftover[] {
  const pairs = activePairs(store, cohortId);
  const paired = new Set(pairs.map((p) => p.menteeId));
  const load = new Map<string, number>();
  for (const p of pairs) load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + 1);
  return listMembers(store, cohortId).flatMap((member): Leftover[] => {
    if (member.role === 'mentee') return paired.has(member.id) ? [] : [{ member, spare: null }];
    const spare = member.capacity - (load.get(member.id) ?? 0);
    return spare > 0 ? [{ member, spare }] : [];
  });
}

const HEADERS = ['Name', 'Email', 'Role', 'Spare slots', 'Time zone', 'Department', 'Languages', 'Interests', 'Expertise'];

export async function exportLeftovers(store: Store, cohortId: string, format: 'csv' | 'xlsx') {
  const cohort = getCohort(store, cohortId);
  const rows: XlsxCell[][] = leftovers(store, cohortId).map(({ member: m, spare }) => [
    m.fullName,
    m.email,
    m.role,
    spare,
    m.timezone,
    m.department,
    m.languages.join(', '),
    m.interests.join(', '),
    m.expertise.join(', '),
  ]);
  const base = `${fileNamePart(cohort.name, 'cohort')}-not-yet-matched`;
  if (format === 'csv') return { fileName: `${base}.csv`, mimeType: 'text/csv', bytes: toCsvBytes([HEADERS, ...rows]) };
  return {
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: await toXlsx([{ name: 'Not yet matched', columns: HEADERS.map((header) => ({ header, width: header === 'Email' ? 30 : 18 })), rows }]),
  };
}
