import { z } from 'zod';

export const ProgramSettings = z.object({
  /** When on, only approved mentors are matched; off by default so imported mentors are eligible at once. */
  requireMentorApproval: z.boolean().default(false),
});
export type ProgramSettings = z.infer<typeof ProgramSettings>;

export const Program = z.object({
  id: z.string(),
  name: z.string(),
  settings: ProgramSettings,
  archived: z.boolean(),
  createdAt: z.string(),
});
export type Program = z.infer<typeof Program>;

export const Cohort = z.object({
  id: z.string(),
  programId: z.string(),
  name: z.string(),
  startDate: z.string().nullable(),
  archived: z.boolean(),
  mentorCount: z.number().int(),
  menteeCount: z.number().int(),
  createdAt: z.string(),
});
export type Cohort = z.infer<typeof Cohort>;

/** Names are what coordinators type and search by: trimmed, non-empty, reasonably short. */
export const EntityName = z.string().trim().min(1, 'Name is required').max(120, 'Name is longer than 120 characters');
