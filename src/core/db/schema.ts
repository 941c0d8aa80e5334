import type { Generated, Selectable } from 'kysely';

/** Columns every synced table has. Deletes are tombstones (`deleted_at` set), never row removals. */
interface Tracked {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ProgramsTable extends Tracked {
  name: string;
  /** foldKey(name), written by the writer with the name; unique among live programs. */
  name_key: string | null;
  /** JSON: program-level settings (e.g. whether mentors need approval). */
  settings: string;
  archived_at: string | null;
}

export interface CohortsTable extends Tracked {
  program_id: string;
  name: string;
  /** foldKey(name), written by the writer with the name; unique among the program's live cohorts. */
  name_key: string | null;
  /** ISO date the cohort starts; time-zone offsets are taken at this date (DST). */
  start_date: string | null;
  archived_at: string | null;
  /** JSON: the cohort's saved MatchSettings, without the coordinator's edits; NULL means the defaults. */
  matching_settings: string | null;
  /** When the coordinator closed the cohort (migration 10); NULL while it runs. */
  closed_at: string | null;
  /** JSON CohortSummary kept when it closed: pairs, sessions held, goals reached. */
  summary: string | null;
}

/** A person persists across cohorts of a program; identified by email within the program. */
export interface PeopleTable extends Tracked {
  program_id: string;
  email: string;
  /** foldKey(email), written by the writer with the email; unique among the program's live people. */
  email_key: string | null;
  full_name: string;
}

export interface CohortMembersTable extends Tracked {
  cohort_id: string;
  person_id: string;
  role: 'mentor' | 'mentee';
  capacity: number;
  timezone: string | null;
  /** JSON string arrays. */
  interests: string;
  expertise: string;
  languages: string;
  goals: string;
  bio: string;
  department: string | null;
  team: string | null;
  manager_email: string | null;
  seniority_years: number | null;
  /** JSON array of AvailabilityWindow. */
  availability: string;
  approval: 'pending' | 'approved' | 'rejected';
}

/** One run of the matching engine on a cohort: its settings and result, kept so it can be re-opened and compared. */
export interface MatchRunsTable extends Tracked {
  cohort_id: string;
  name: string;
  status: 'draft' | 'published';
  /** JSON: the MatchSettings the run used, complete (defaults filled in). */
  settings: string;
  /** JSON: the MatchResult. */
  result: string;
  matched: number;
  unmatched: number;
  total_score: number;
  /** 1 when the result carries a verified optimality certificate. */
  optimal: number;
  /** JSON RunInsights: what the optimisation bought and what the coordinator's edits cost. */
  insights: string;
}

/** A run made the cohort's active pairs at this time; earlier publications stay as history. */
export interface PublicationsTable extends Tracked {
  cohort_id: string;
  run_id: string;
  published_at: string;
  pair_count: number;
}

/**
 * A published mentee–mentor pair: what sessions, goals and feedback attach to. A pair that survives a
 * re-publication keeps its id; one that does not is ended; one the coordinator breaks up is dissolved.
 */
export interface PairsTable extends Tracked {
  cohort_id: string;
  mentee_id: string;
  mentor_id: string;
  publication_id: string;
  status: 'active' | 'ended' | 'dissolved';
  score: number;
  started_at: string;
  ended_at: string | null;
  /** Expected days between sessions; NULL: the program's default (migration 8). */
  cadence_days: number | null;
  /** How a closed pair ended (migration 10); NULL for pairs not closed by the coordinator. */
  close_outcome: 'completed' | 'ended-early' | null;
  close_reason: string | null;
  /** 1 when both people agreed to be named in progress reports (migration 18). */
  named_in_reports: number;
}

/** A program's goal template: a title and milestones placed in days from a pair's start. */
export interface GoalTemplatesTable extends Tracked {
  program_id: string;
  title: string;
  target_offset_days: number | null;
  /** JSON array of { title, offsetDays }. */
  milestones: string;
}

/** A goal of a pair's mentee (scope 'mentee') or of the pair together ('pair'). */
export interface GoalsTable extends Tracked {
  pair_id: string;
  cohort_id: string;
  scope: 'mentee' | 'pair';
  title: string;
  /** YYYY-MM-DD. */
  target_date: string | null;
  /** 0–100; NULL: derived from the milestones done. */
  progress: number | null;
  status: 'open' | 'reached' | 'dropped';
  /** The injected clock's instant of the last progress change (or creation): what "stuck" is counted from. */
  progress_changed_at: string;
  template_id: string | null;
}

export interface GoalMilestonesTable extends Tracked {
  goal_id: string;
  position: number;
  title: string;
  target_date: string | null;
  done: 0 | 1;
  done_at: string | null;
}

/**
 * One of the coordinator's edits to a cohort's matching, in order (`position`) within the cohort. Undone
 * edits stay (undone = 1) so that Redo survives a restart; a new edit tombstones them.
 */
export interface MatchingEditsTable extends Tracked {
  cohort_id: string;
  position: number;
  kind: 'lock' | 'forbid' | 'capacity' | 'reset';
  /** 'lock' and 'forbid' name both, 'capacity' only the mentor, 'reset' neither. */
  mentee_id: string | null;
  mentor_id: string | null;
  /** For 'capacity'. */
  capacity: number | null;
  /** JSON, for 'reset': the adjustments it resets to. */
  payload: string | null;
  undone: 0 | 1;
}

/** A session of a published pair. `starts_at` is the UTC instant; `entered_in` whose local time it was typed in. */
export interface SessionsTable extends Tracked {
  pair_id: string;
  cohort_id: string;
  starts_at: string;
  entered_in: 'mentor' | 'mentee';
  duration_minutes: number;
  format: 'video' | 'in-person' | 'phone';
  status: 'planned' | 'held' | 'cancelled' | 'no-show';
  notes: string;
  /** JSON string array. */
  topics: string;
}

/** The summary figures of a progress report when it was made (migration 9): what the next one compares with. */
export interface ReportSnapshotsTable extends Tracked {
  cohort_id: string;
  made_at: string;
  period_from: string | null;
  period_to: string | null;
  /** JSON ReportFigures. */
  figures: string;
}

/** A program survey (migration 11): its questions (JSON SurveyQuestion[]), roles and kept grouping attributes (JSON). */
export interface SurveysTable extends Tracked {
  cohort_id: string;
  title: string;
  anonymous: 0 | 1;
  roles: string;
  group_by: string;
  /** k: the smallest group any figure, chart or comment is shown for; never below 3. */
  min_group_size: number;
  questions: string;
  /** JSON Record<attribute, string[]>: values the last import generalised away (fewer than k respondents). */
  small_groups: string;
  closed_at: string | null;
  imported_at: string | null;
}

/** One answer sheet. Anonymous surveys: person_id NULL, no order, no time of its own (feedback/responses.ts). */
export interface SurveyResponsesTable extends Tracked {
  survey_id: string;
  person_id: string | null;
  role: string | null;
  department: string | null;
  team: string | null;
  /** JSON Record<questionId, number | string>. */
  answers: string;
}

/** One side's rating of its pair (attributed): the match and the sessions 1–5, would recommend, comment. */
export interface PairRatingsTable extends Tracked {
  pair_id: string;
  cohort_id: string;
  person_id: string;
  side: 'mentor' | 'mentee';
  match_rating: number;
  session_rating: number | null;
  would_recommend: 0 | 1 | null;
  comment: string;
  rated_at: string;
}

/** One check-in answer imported from a form's export (migration 12), attached to the respondent's active pair. */
export interface CheckinsTable extends Tracked {
  pair_id: string;
  cohort_id: string;
  respondent_member_id: string;
  respondent_role: 'mentor' | 'mentee';
  met: 0 | 1 | null;
  times_met: number | null;
  /** YYYY-MM-DD: counts as the pair's last contact. */
  last_met_on: string | null;
  goal_progress: string | null;
  comments: string;
  /** The form's own timestamp, when its export had one. */
  submitted_at: string | null;
  file_name: string;
  file_line: number;
}

/** A reminder or nudge email template of a program (migration 12): placeholders like {mentorName}. */
export interface ReminderTemplatesTable extends Tracked {
  program_id: string;
  kind: 'reminder' | 'nudge';
  subject: string;
  body: string;
}

/** The workspace's outgoing mail server (migration 12); the password is never stored here. */
export interface MailSettingsTable extends Tracked {
  host: string | null;
  port: number | null;
  secure: 0 | 1;
  username: string | null;
  from_address: string;
  from_name: string;
}

/**
 * What a sync merge decided for the coordinators (migration 13): a cohort given two publications, a mentor
 * filled past capacity. Tracked, so every replica lists it; `reviewed_at` set once a human has looked.
 */
export interface SyncConflictsTable extends Tracked {
  kind: 'publication' | 'capacity';
  cohort_id: string;
  /** The mentee (publication) or mentor (capacity) cohort member the conflict is about. */
  subject_id: string;
  /** JSON: the pairs the merge ended, in the order it ended them. */
  pair_ids: string;
  /** What was decided, in words without names (names are looked up when listed). */
  detail: string;
  detected_at: string;
  reviewed_at: string | null;
}

/** A match score learned from the program's pair ratings (migration 14); the highest version is current. */
export interface LearnedModelsTable extends Tracked {
  program_id: string;
  version: number;
  trained_at: string;
  intercept: number;
  /** JSON: coefficient per pair criterion (content, language, seniority, department, availability). */
  coefficients: string;
  /** JSON: the held-out evaluation made at training (learning/evaluate.ts Evaluation). */
  evaluation: string;
  summary: string;
  pairs: number;
  cohorts: number;
}

/** A reminder or nudge email that went out (migration 17): its occasion's key, the pair, how and when. */
export interface RemindersSentTable extends Tracked {
  cohort_id: string;
  pair_id: string;
  /** "reminder:<session id>" or "nudge:<pair id>" (reminders/messages.ts). */
  key: string;
  kind: 'reminder' | 'nudge';
  via: 'smtp' | 'eml';
  sent_at: string;
}

/** The audit log now, the sync log later: one row per column written. */
export interface ChangesTable {
  seq: Generated<number>;
  hlc: string;
  client_id: string;
  tbl: string;
  row_id: string;
  col: string;
  /** JSON encoding of the stored SQL value; 'null' once erased. */
  value: string;
  /** Set when people.erase blanked this change's value: replay skips it, so the erased row cannot come back. */
  erased_at: string | null;
}

/** A change row as read back (seq assigned). */
export type ChangeRow = Selectable<ChangesTable>;

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  programs: ProgramsTable;
  cohorts: CohortsTable;
  people: PeopleTable;
  cohort_members: CohortMembersTable;
  match_runs: MatchRunsTable;
  publications: PublicationsTable;
  pairs: PairsTable;
  matching_edits: MatchingEditsTable;
  sessions: SessionsTable;
  report_snapshots: ReportSnapshotsTable;
  goal_templates: GoalTemplatesTable;
  goals: GoalsTable;
  goal_milestones: GoalMilestonesTable;
  surveys: SurveysTable;
  survey_responses: SurveyResponsesTable;
  pair_ratings: PairRatingsTable;
  checkins: CheckinsTable;
  reminder_templates: ReminderTemplatesTable;
  mail_settings: MailSettingsTable;
  sync_conflicts: SyncConflictsTable;
  learned_models: LearnedModelsTable;
  reminders_sent: RemindersSentTable;
  changes: ChangesTable;
  meta: MetaTable;
}

/** Tables written through the change-recording writer, in foreign-key order (parents first). */
export const TRACKED_TABLES = [
  'programs',
  'cohorts',
  'people',
  'cohort_members',
  'match_runs',
  'publications',
  'pairs',
  'matching_edits',
  'sessions',
  'report_snapshots',
  'goal_templates',
  'goals',
  'goal_milestones',
  'surveys',
  'survey_responses',
  'pair_ratings',
  'checkins',
  'reminder_templates',
  'mail_settings',
  'sync_conflicts',
  'learned_models',
  'reminders_sent',
] as const;
export type TrackedTable = (typeof TRACKED_TABLES)[number];
