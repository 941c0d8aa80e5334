import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { ExtraSlotExplanationSchema, ForcedPairExplanationSchema, MatchResultSchema, ProgressSchema, RunInsightsSchema } from '../matching/schemas';
import { MatchSettings } from '../matching/settings';

/**
 * A "run" is one matching of a cohort: started, watched while it runs, then kept with its settings and
 * result. One word everywhere: the UI, the contract, the CLI, the code and the table (match_runs).
 */

export const RunSummary = z.object({
  id: z.string(),
  cohortId: z.string(),
  name: z.string(),
  status: z.enum(['draft', 'published']),
  matched: z.number().int(),
  unmatched: z.number().int(),
  totalScore: z.number(),
  optimal: z.boolean(),
  createdAt: z.string(),
});
export type RunSummary = z.infer<typeof RunSummary>;


export const Run = RunSummary.extend({ settings: MatchSettings, result: MatchResultSchema, insights: RunInsightsSchema });
export type Run = z.infer<typeof Run>;

/** A run while it works and after: its id is the saved run's id once it is done. */
export const RunStatus = z.object({
  id: z.string(),
  cohortId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: ProgressSchema.nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  elapsedMs: z.number(),
});
export type RunStatus = z.infer<typeof RunStatus>;

export const MoveCandidate = z.object({
  mentorId: z.string(),
  /** Change in the run's objective if the mentee is moved to this mentor (≤ 0; 0 = current mentor). */
  delta: z.number(),
  brokenRules: z.array(z.string()).readonly(),
  /** How many other mentees would change mentor. */
  displaced: z.number().int(),
  current: z.boolean(),
});
export type MoveCandidate = z.infer<typeof MoveCandidate>;

const ComparedRun = z.object({ id: z.string(), name: z.string(), matched: z.number().int(), totalScore: z.number(), averageScore: z.number() });
export const RunComparison = z.object({
  a: ComparedRun,
  b: ComparedRun,
  /** b − a */
  delta: z.object({ matched: z.number().int(), totalScore: z.number(), averageScore: z.number() }),
  same: z.number().int(),
  /** Mentees whose mentor differs (or who are matched in only one run). */
  differences: z.array(
    z.object({ menteeId: z.string(), mentorInA: z.string().nullable(), mentorInB: z.string().nullable(), scoreInA: z.number().nullable(), scoreInB: z.number().nullable() }),
  ),
});
export type RunComparison = z.infer<typeof RunComparison>;

export const IntroEmail = z.object({ to: z.array(z.string()), from: z.string(), subject: z.string(), text: z.string(), fileName: z.string() });
export type IntroEmail = z.infer<typeof IntroEmail>;

export const ExportFormat = z.enum(['csv', 'xlsx', 'eml']);
export const ExportedFile = z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string() });

const ForRun = z.object({ runId: Id });
const EmailOptions = z.object({
  /**
   * The sender, as typed: `Mentoring team <team@yourorg.org>` or `team@yourorg.org`. Required for the eml
   * format (a clear "Enter a From address…" error names the field when it is missing or not one address);
   * Pairwise never makes one up.
   */
  from: z.string().max(200).optional(),
  note: z.string().max(5000).optional(),
});

export const runsContract = defineContract({
  'runs.list': { input: z.object({ cohortId: Id }), output: z.array(RunSummary) },
  'runs.get': { input: ForRun, output: Run },
  /**
   * Starts a matching run off the thread that answers calls; watch it with runs.status (or runs.wait).
   * Without `settings`, the run uses the cohort's saved settings and the coordinator's edits (what the UI
   * and `pairwise match` do); with them, exactly those settings.
   */
  'runs.start': {
    input: z.object({ cohortId: Id, settings: MatchSettings.optional(), name: z.string().max(120).optional() }),
    output: RunStatus,
  },
  /**
   * Re-match mid-cycle: every published pair stays (locked), dissolved pairs are never made again, and the
   * people waiting come first (most matched, then best score). The cohort's settings and edits apply.
   */
  'runs.rematch': { input: z.object({ cohortId: Id, name: z.string().max(120).optional() }), output: RunStatus },
  'runs.status': { input: ForRun, output: RunStatus },
  /** Answers when the run has stopped (done, failed or cancelled): for the CLI and scripts. */
  'runs.wait': { input: ForRun, output: RunStatus },
  'runs.cancel': { input: ForRun, output: RunStatus },
  'runs.explainPair': { input: ForRun.extend({ menteeId: Id, mentorId: Id }), output: ForcedPairExplanationSchema },
  'runs.moveCandidates': { input: ForRun.extend({ menteeId: Id }), output: z.array(MoveCandidate) },
  'runs.extraSlot': { input: ForRun.extend({ mentorId: Id }), output: ExtraSlotExplanationSchema },
  'runs.compare': { input: z.object({ a: Id, b: Id }), output: RunComparison },
  'runs.export': { input: ForRun.extend({ format: ExportFormat }).extend(EmailOptions.shape), output: ExportedFile },
  /**
   * The introduction email of one pair, as the eml export would write it: `index` (0-based, clamped to the
   * pairs there are) pages through them. `fromProblem` says what is wrong with `from` (missing or not one
   * address) while the preview still shows the email, with an empty From.
   */
  'runs.introPreview': {
    input: ForRun.extend(EmailOptions.shape).extend({ index: z.number().int().optional() }),
    output: z.object({
      count: z.number().int(),
      /** The index shown, after clamping. */
      index: z.number().int(),
      email: IntroEmail.nullable(),
      fromProblem: z.string().nullable(),
    }),
  },
});
