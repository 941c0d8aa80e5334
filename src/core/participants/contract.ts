import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { ApprovalStatus, AvailabilityWindow, Member, Role } from '../domain/participant';
import { safeName } from '../domain/program';

const StringList = z.array(z.string());

/** What a coordinator may change on a member; person fields (name, email) are shared by the program's cohorts. */
export const MemberPatch = z.object({
  fullName: z.string().trim().min(1, 'Name is required').max(200).superRefine(safeName).optional(),
  email: z.string().optional(),
  role: Role.optional(),
  capacity: z.number().int('Capacity must be a whole number').min(0, 'Capacity cannot be negative').max(50).optional(),
  timezone: z.string().nullable().optional(),
  interests: StringList.optional(),
  expertise: StringList.optional(),
  goals: z.string().max(5000).optional(),
  bio: z.string().max(5000).optional(),
  languages: StringList.optional(),
  department: z.string().nullable().optional(),
  team: z.string().nullable().optional(),
  managerEmail: z.string().nullable().optional(),
  seniorityYears: z.number().min(0).max(80).nullable().optional(),
  availability: z.array(AvailabilityWindow).optional(),
  /** Availability as a coordinator types it ("Tue 08:00-09:30; Thu 18:00-19:00"), read like an imported cell. */
  availabilityText: z.string().max(2000).optional(),
  approval: ApprovalStatus.optional(),
});
export type MemberPatch = z.infer<typeof MemberPatch>;

/** A person typed into the app: the fields of a registration form, checked exactly as an imported row is. */
export const NewMember = z.object({
  fullName: z.string().max(200),
  email: z.string().max(320),
  role: z.string().max(40),
  timezone: z.string().max(100).optional(),
  capacity: z.number().int().min(0).max(50).optional(),
  seniorityYears: z.number().min(0).max(80).optional(),
  department: z.string().max(200).optional(),
  team: z.string().max(200).optional(),
  managerEmail: z.string().max(320).optional(),
  languages: z.array(z.string().max(100)).max(50).optional(),
  interests: z.array(z.string().max(200)).max(100).optional(),
  expertise: z.array(z.string().max(200)).max(100).optional(),
  goals: z.string().max(5000).optional(),
  bio: z.string().max(5000).optional(),
  availability: z.string().max(2000).optional(),
});
export type NewMember = z.infer<typeof NewMember>;

export const ApprovalChange = z.object({ id: Id, approval: ApprovalStatus });
export type ApprovalChange = z.infer<typeof ApprovalChange>;

export const participantsContract = defineContract({
  'members.list': { input: z.object({ cohortId: Id }), output: z.array(Member) },
  'members.update': { input: z.object({ id: Id, patch: MemberPatch }), output: Member },
  'members.remove': { input: z.object({ id: Id }), output: z.object({ removed: z.literal(true) }) },
  'members.add': { input: z.object({ cohortId: Id, person: NewMember }), output: Member },
  /** Approves or rejects many at once (one transaction); answers each one's approval before, for Undo. */
  'members.setApprovals': { input: z.object({ changes: z.array(ApprovalChange).min(1).max(20_000) }), output: z.object({ before: z.array(ApprovalChange) }) },
  /** Mentees without an active pair and mentors with spare capacity, by the published pairs, as a file. */
  'members.exportLeftovers': {
    input: z.object({ cohortId: Id, format: z.enum(['csv', 'xlsx']) }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string() }),
  },
});
