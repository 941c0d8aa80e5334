import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give dates as YYYY-MM-DD');

/** What the dashboard and every report are computed for: a cohort, optionally a period and one department. */
export const ReportFilter = z
  .object({
    cohortId: Id,
    /** First day counted (UTC), inclusive. */
    from: IsoDate.optional(),
    /** Last day counted (UTC), inclusive; the figures are as of the end of this day, or now when earlier. */
    to: IsoDate.optional(),
    /** Only people of this department (pairs: by the mentee's department). */
    department: z.string().trim().min(1).max(120).optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { message: 'The period starts after it ends', path: ['from'] });
export type ReportFilter = z.infer<typeof ReportFilter>;

export const FunnelStage = z.enum(['registered', 'approved', 'matched', 'first-session', 'active', 'completed']);
export type FunnelStage = z.infer<typeof FunnelStage>;

export const FunnelStep = z.object({
  stage: FunnelStage,
  label: z.string(),
  people: z.number().int(),
  mentees: z.number().int(),
  mentors: z.number().int(),
  /** Share of the registered people, 0..1. */
  ofRegistered: z.number(),
});

export const WeekRow = z.object({
  /** Monday of the week (UTC), YYYY-MM-DD. */
  week: z.string(),
  held: z.number().int(),
  /** Sessions the active pairs' cadences call for in that week, one decimal. */
  expected: z.number(),
});

export const HealthCount = z.object({ health: z.enum(['on-track', 'needs-attention', 'at-risk']), label: z.string(), pairs: z.number().int() });

export const MentorLoad = z.object({
  memberId: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  capacity: z.number().int(),
  mentees: z.number().int(),
  held: z.number().int(),
  atRisk: z.number().int(),
});

export const GoalFigures = z.object({ total: z.number().int(), reached: z.number().int(), stuck: z.number().int(), pairsWithGoals: z.number().int() });

export const SatisfactionMonth = z.object({
  /** YYYY-MM. */
  month: z.string(),
  ratings: z.number().int(),
  /** Average rating of the match, 1–5, two decimals. */
  averageMatch: z.number(),
});

export const SurveySummary = z.object({
  surveyId: z.string(),
  title: z.string(),
  closedAt: z.string().nullable(),
  /** False when the feedback rules hide the results (fewer than k answers). */
  shown: z.boolean(),
  respondents: z.number().int().nullable(),
  invited: z.number().int(),
  /** Percent, one decimal. */
  rate: z.number().nullable(),
});

export const Dashboard = z.object({
  cohort: z.object({ id: z.string(), name: z.string(), programId: z.string(), programName: z.string(), startDate: z.string().nullable() }),
  /** The instant the figures are as of. */
  asOf: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  department: z.string().nullable(),
  departments: z.array(z.string()),
  funnel: z.array(FunnelStep),
  weeks: z.array(WeekRow),
  sessionsHeld: z.number().int(),
  sessionsExpected: z.number(),
  health: z.array(HealthCount),
  activePairs: z.number().int(),
  mentors: z.array(MentorLoad),
  /** Null while no pair in scope has a goal. */
  goals: GoalFigures.nullable(),
  /** Average rating of the match per month the ratings were given. */
  satisfaction: z.array(SatisfactionMonth),
  /** The cohort's closed surveys (the results themselves are in the report, suppression applied). */
  surveys: z.array(SurveySummary),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const BadgeKind = z.enum(['first-session', 'sessions-5', 'sessions-10', 'goal-reached', 'cohort-completed', 'top-rated-mentor']);
export type BadgeKind = z.infer<typeof BadgeKind>;
export const Badge = z.object({ memberId: z.string(), name: z.string(), role: z.enum(['mentor', 'mentee']), kind: BadgeKind, label: z.string(), earnedAt: z.string().nullable() });
export type Badge = z.infer<typeof Badge>;

export const ExportFormat = z.enum(['pdf', 'xlsx', 'csv']);
export const ReportOptions = z.object({
  format: ExportFormat,
  /** Shown on the cover. */
  organisation: z.string().trim().max(120).default(''),
  /** Name the at-risk pairs in the risks section (off: a count only). */
  includeNames: z.boolean().default(false),
  /** Add the opt-in leaderboard of badges. */
  leaderboard: z.boolean().default(false),
  /** Keep this report's summary figures as the baseline for the next report's changes (default on). */
  keepSnapshot: z.boolean().default(true),
});

const FileOut = z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string() });

export const reportsContract = defineContract({
  /** The cohort's dashboard figures for the filter. */
  'reports.dashboard': { input: ReportFilter, output: Dashboard },
  /** The progress report as a PDF, XLSX or CSV file; a PDF keeps its figures as the next one's baseline. */
  'reports.export': { input: z.object({ filter: ReportFilter, options: ReportOptions }), output: FileOut },
  /** Certificates of participation or completion: one person's, or everyone's in one file. */
  'reports.certificates': {
    input: z.object({ cohortId: Id, memberId: Id.optional(), organisation: z.string().trim().max(120).default(''), signatory: z.string().trim().max(120).default('') }),
    output: FileOut.extend({ pages: z.number().int() }),
  },
  /** Fills the published sample cohort with a few weeks of generated sessions (sample only, once). */
  'reports.sampleHistory': { input: z.object({ cohortId: Id, weeks: z.number().int().min(2).max(52).default(12) }), output: z.object({ pairs: z.number().int(), sessions: z.number().int(), goals: z.number().int(), ratings: z.number().int() }) },
  /** Badges earned from recorded facts: everyone's in the cohort, or one member's (the mentor view). */
  'reports.badges': { input: z.object({ cohortId: Id, memberId: Id.optional() }), output: z.array(Badge) },
});
