import { z } from 'zod';

/** A cohort member's role. A person can be a mentee in one cohort and a mentor in a later one. */
export const Role = z.enum(['mentor', 'mentee']);
export type Role = z.infer<typeof Role>;

export const ApprovalStatus = z.enum(['pending', 'approved', 'rejected']);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

/**
 * One weekly availability window in the participant's own local time.
 * day: 0 = Monday … 6 = Sunday; start/end: minutes after local midnight (end > start, end <= 1440).
 */
export const AvailabilityWindow = z.object({
  day: z.number().int().min(0).max(6),
  start: z.number().int().min(0).max(1439),
  end: z.number().int().min(1).max(1440),
});
export type AvailabilityWindow = z.infer<typeof AvailabilityWindow>;

/**
 * A cohort member as the rest of the product sees it: person fields (name, email) joined with the
 * per-cohort profile. `timezone` is an IANA name ("Europe/Berlin") or a fixed offset ("UTC+05:30").
 */
export const Member = z.object({
  id: z.string(),
  personId: z.string(),
  cohortId: z.string(),
  fullName: z.string(),
  email: z.string(),
  role: Role,
  capacity: z.number().int().min(0),
  timezone: z.string().nullable(),
  interests: z.array(z.string()),
  expertise: z.array(z.string()),
  goals: z.string(),
  bio: z.string(),
  languages: z.array(z.string()),
  department: z.string().nullable(),
  team: z.string().nullable(),
  managerEmail: z.string().nullable(),
  seniorityYears: z.number().min(0).nullable(),
  availability: z.array(AvailabilityWindow),
  approval: ApprovalStatus,
});
export type Member = z.infer<typeof Member>;
