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
  approval: ApprovalStatus.optional(),
});
export type MemberPatch = z.infer<typeof MemberPatch>;

export const participantsContract = defineContract({
  'members.list': { input: z.object({ cohortId: Id }), output: z.array(Member) },
  'members.update': { input: z.object({ id: Id, patch: MemberPatch }), output: Member },
  'members.remove': { input: z.object({ id: Id }), output: z.object({ removed: z.literal(true) }) },
});
