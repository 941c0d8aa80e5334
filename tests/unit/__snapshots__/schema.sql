-- user_version 22

-- table changes on changes
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY,
  hlc TEXT NOT NULL,
  client_id TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  value TEXT NOT NULL
  , erased_at TEXT);

-- index changes_erased on changes
CREATE INDEX changes_erased ON changes(tbl, row_id) WHERE erased_at IS NOT NULL;

-- table checkins on checkins
CREATE TABLE checkins (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  pair_id TEXT NOT NULL REFERENCES pairs(id),
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  respondent_member_id TEXT NOT NULL REFERENCES cohort_members(id),
  respondent_role TEXT NOT NULL CHECK (respondent_role IN ('mentor', 'mentee')),
  met INTEGER,
  times_met INTEGER,
  last_met_on TEXT,
  goal_progress TEXT,
  comments TEXT NOT NULL,
  submitted_at TEXT,
  file_name TEXT NOT NULL,
  file_line INTEGER NOT NULL
);

-- index checkins_cohort on checkins
CREATE INDEX checkins_cohort ON checkins(cohort_id);

-- index checkins_pair on checkins
CREATE INDEX checkins_pair ON checkins(pair_id, last_met_on);

-- index sqlite_autoindex_checkins_1 on checkins (made by a PRIMARY KEY or UNIQUE constraint)

-- table cohort_members on cohort_members
CREATE TABLE cohort_members (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  timezone TEXT,
  interests TEXT NOT NULL DEFAULT '[]',
  expertise TEXT NOT NULL DEFAULT '[]',
  languages TEXT NOT NULL DEFAULT '[]',
  goals TEXT NOT NULL DEFAULT '',
  bio TEXT NOT NULL DEFAULT '',
  department TEXT,
  team TEXT,
  manager_email TEXT,
  seniority_years REAL,
  availability TEXT NOT NULL DEFAULT '[]',
  approval TEXT NOT NULL DEFAULT 'pending' CHECK (approval IN ('pending', 'approved', 'rejected'))
);

-- index members_cohort_person on cohort_members
CREATE UNIQUE INDEX members_cohort_person ON cohort_members(cohort_id, person_id) WHERE deleted_at IS NULL;

-- index sqlite_autoindex_cohort_members_1 on cohort_members (made by a PRIMARY KEY or UNIQUE constraint)

-- table cohorts on cohorts
CREATE TABLE cohorts (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  program_id TEXT NOT NULL REFERENCES programs(id),
  name TEXT NOT NULL,
  start_date TEXT,
  archived_at TEXT
  , matching_settings TEXT, name_key TEXT, closed_at TEXT, summary TEXT);

-- index cohorts_program on cohorts
CREATE INDEX cohorts_program ON cohorts(program_id);

-- index cohorts_program_name_key on cohorts
CREATE UNIQUE INDEX cohorts_program_name_key ON cohorts(program_id, name_key) WHERE deleted_at IS NULL;

-- index sqlite_autoindex_cohorts_1 on cohorts (made by a PRIMARY KEY or UNIQUE constraint)

-- table goal_milestones on goal_milestones
CREATE TABLE goal_milestones (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  goal_id TEXT NOT NULL REFERENCES goals(id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  target_date TEXT,
  done INTEGER NOT NULL CHECK (done IN (0, 1)),
  done_at TEXT
);

-- index goal_milestones_goal on goal_milestones
CREATE INDEX goal_milestones_goal ON goal_milestones(goal_id, position);

-- index sqlite_autoindex_goal_milestones_1 on goal_milestones (made by a PRIMARY KEY or UNIQUE constraint)

-- table goal_templates on goal_templates
CREATE TABLE goal_templates (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  program_id TEXT NOT NULL REFERENCES programs(id),
  title TEXT NOT NULL,
  target_offset_days INTEGER,
  milestones TEXT NOT NULL
);

-- index goal_templates_program on goal_templates
CREATE INDEX goal_templates_program ON goal_templates(program_id);

-- index sqlite_autoindex_goal_templates_1 on goal_templates (made by a PRIMARY KEY or UNIQUE constraint)

-- table goals on goals
CREATE TABLE goals (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  pair_id TEXT NOT NULL REFERENCES pairs(id),
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  scope TEXT NOT NULL CHECK (scope IN ('mentee', 'pair')),
  title TEXT NOT NULL,
  target_date TEXT,
  progress INTEGER CHECK (progress IS NULL OR progress BETWEEN 0 AND 100),
  status TEXT NOT NULL CHECK (status IN ('open', 'reached', 'dropped')),
  progress_changed_at TEXT NOT NULL,
  template_id TEXT REFERENCES goal_templates(id)
);

-- index goals_cohort on goals
CREATE INDEX goals_cohort ON goals(cohort_id);

-- index goals_pair on goals
CREATE INDEX goals_pair ON goals(pair_id);

-- index goals_pair_figures on goals
CREATE INDEX goals_pair_figures ON goals(cohort_id, pair_id, status, progress_changed_at) WHERE deleted_at IS NULL;

-- index sqlite_autoindex_goals_1 on goals (made by a PRIMARY KEY or UNIQUE constraint)

-- table learned_models on learned_models
CREATE TABLE learned_models (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  program_id TEXT NOT NULL REFERENCES programs(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  trained_at TEXT NOT NULL,
  intercept REAL NOT NULL,
  coefficients TEXT NOT NULL,
  evaluation TEXT NOT NULL,
  summary TEXT NOT NULL,
  pairs INTEGER NOT NULL,
  cohorts INTEGER NOT NULL
);

-- index learned_models_version on learned_models
CREATE UNIQUE INDEX learned_models_version ON learned_models(program_id, version);

-- index sqlite_autoindex_learned_models_1 on learned_models (made by a PRIMARY KEY or UNIQUE constraint)

-- table mail_settings on mail_settings
CREATE TABLE mail_settings (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  host TEXT,
  port INTEGER,
  secure INTEGER NOT NULL DEFAULT 0 CHECK (secure IN (0, 1)),
  username TEXT,
  from_address TEXT NOT NULL,
  from_name TEXT NOT NULL
);

-- index sqlite_autoindex_mail_settings_1 on mail_settings (made by a PRIMARY KEY or UNIQUE constraint)

-- table match_runs on match_runs
CREATE TABLE "match_runs" (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  settings TEXT NOT NULL,
  result TEXT NOT NULL,
  matched INTEGER NOT NULL,
  unmatched INTEGER NOT NULL,
  total_score REAL NOT NULL,
  optimal INTEGER NOT NULL,
  insights TEXT NOT NULL DEFAULT '{}'
);

-- index match_runs_cohort on match_runs
CREATE INDEX match_runs_cohort ON match_runs(cohort_id);

-- index sqlite_autoindex_match_runs_1 on match_runs (made by a PRIMARY KEY or UNIQUE constraint)

-- table matching_edits on matching_edits
CREATE TABLE matching_edits (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('lock', 'forbid', 'capacity', 'reset')),
  mentee_id TEXT,
  mentor_id TEXT,
  capacity INTEGER,
  payload TEXT,
  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);

-- index matching_edits_cohort on matching_edits
CREATE INDEX matching_edits_cohort ON matching_edits(cohort_id, position);

-- index sqlite_autoindex_matching_edits_1 on matching_edits (made by a PRIMARY KEY or UNIQUE constraint)

-- table meta on meta
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

-- index sqlite_autoindex_meta_1 on meta (made by a PRIMARY KEY or UNIQUE constraint)

-- table pair_ratings on pair_ratings
CREATE TABLE pair_ratings (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  pair_id TEXT NOT NULL REFERENCES pairs(id),
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  side TEXT NOT NULL CHECK (side IN ('mentor', 'mentee')),
  match_rating INTEGER NOT NULL CHECK (match_rating BETWEEN 1 AND 5),
  session_rating INTEGER CHECK (session_rating IS NULL OR session_rating BETWEEN 1 AND 5),
  would_recommend INTEGER CHECK (would_recommend IS NULL OR would_recommend IN (0, 1)),
  comment TEXT NOT NULL,
  rated_at TEXT NOT NULL
);

-- index pair_ratings_by_time on pair_ratings
CREATE INDEX pair_ratings_by_time ON pair_ratings(cohort_id, rated_at, id, pair_id, side, match_rating) WHERE deleted_at IS NULL;

-- index pair_ratings_cohort on pair_ratings
CREATE INDEX pair_ratings_cohort ON pair_ratings(cohort_id, rated_at);

-- index pair_ratings_pair on pair_ratings
CREATE INDEX pair_ratings_pair ON pair_ratings(pair_id, rated_at);

-- index sqlite_autoindex_pair_ratings_1 on pair_ratings (made by a PRIMARY KEY or UNIQUE constraint)

-- table pairs on pairs
CREATE TABLE pairs (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  mentee_id TEXT NOT NULL REFERENCES cohort_members(id),
  mentor_id TEXT NOT NULL REFERENCES cohort_members(id),
  publication_id TEXT NOT NULL REFERENCES publications(id),
  status TEXT NOT NULL CHECK (status IN ('active', 'ended', 'dissolved')),
  score REAL NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT
  , cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days BETWEEN 1 AND 365), close_outcome TEXT CHECK (close_outcome IS NULL OR close_outcome IN ('completed', 'ended-early')), close_reason TEXT, named_in_reports INTEGER NOT NULL DEFAULT 0 CHECK (named_in_reports IN (0, 1)));

-- index pairs_cohort on pairs
CREATE INDEX pairs_cohort ON pairs(cohort_id, status);

-- index sqlite_autoindex_pairs_1 on pairs (made by a PRIMARY KEY or UNIQUE constraint)

-- table people on people
CREATE TABLE people (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  program_id TEXT NOT NULL REFERENCES programs(id),
  email TEXT NOT NULL,
  full_name TEXT NOT NULL
  , email_key TEXT);

-- index people_program_email_key on people
CREATE UNIQUE INDEX people_program_email_key ON people(program_id, email_key) WHERE deleted_at IS NULL;

-- index sqlite_autoindex_people_1 on people (made by a PRIMARY KEY or UNIQUE constraint)

-- table programs on programs
CREATE TABLE programs (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  name TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  archived_at TEXT
  , name_key TEXT);

-- index programs_name_key on programs
CREATE UNIQUE INDEX programs_name_key ON programs(name_key) WHERE deleted_at IS NULL;

-- index sqlite_autoindex_programs_1 on programs (made by a PRIMARY KEY or UNIQUE constraint)

-- table publications on publications
CREATE TABLE publications (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  run_id TEXT NOT NULL REFERENCES "match_runs"(id),
  published_at TEXT NOT NULL,
  pair_count INTEGER NOT NULL
);

-- index publications_cohort on publications
CREATE INDEX publications_cohort ON publications(cohort_id);

-- index sqlite_autoindex_publications_1 on publications (made by a PRIMARY KEY or UNIQUE constraint)

-- table reminder_templates on reminder_templates
CREATE TABLE reminder_templates (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  program_id TEXT NOT NULL REFERENCES programs(id),
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'nudge')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL
);

-- index reminder_templates_program on reminder_templates
CREATE INDEX reminder_templates_program ON reminder_templates(program_id, kind);

-- index sqlite_autoindex_reminder_templates_1 on reminder_templates (made by a PRIMARY KEY or UNIQUE constraint)

-- table reminders_sent on reminders_sent
CREATE TABLE reminders_sent (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  pair_id TEXT NOT NULL REFERENCES pairs(id),
  key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'nudge')),
  via TEXT NOT NULL CHECK (via IN ('smtp', 'eml')),
  sent_at TEXT NOT NULL
);

-- index reminders_sent_cohort on reminders_sent
CREATE INDEX reminders_sent_cohort ON reminders_sent(cohort_id, key, sent_at);

-- index reminders_sent_pair on reminders_sent
CREATE INDEX reminders_sent_pair ON reminders_sent(pair_id);

-- index sqlite_autoindex_reminders_sent_1 on reminders_sent (made by a PRIMARY KEY or UNIQUE constraint)

-- table report_snapshots on report_snapshots
CREATE TABLE report_snapshots (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  made_at TEXT NOT NULL,
  period_from TEXT,
  period_to TEXT,
  figures TEXT NOT NULL
);

-- index report_snapshots_cohort on report_snapshots
CREATE INDEX report_snapshots_cohort ON report_snapshots(cohort_id, made_at);

-- index sqlite_autoindex_report_snapshots_1 on report_snapshots (made by a PRIMARY KEY or UNIQUE constraint)

-- table sessions on sessions
CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  pair_id TEXT NOT NULL REFERENCES pairs(id),
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  starts_at TEXT NOT NULL,
  entered_in TEXT NOT NULL CHECK (entered_in IN ('mentor', 'mentee')),
  duration_minutes INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('video', 'in-person', 'phone')),
  status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled', 'no-show')),
  notes TEXT NOT NULL,
  topics TEXT NOT NULL
);

-- index sessions_cohort on sessions
CREATE INDEX sessions_cohort ON sessions(cohort_id, starts_at);

-- index sessions_held_by_pair on sessions
CREATE INDEX sessions_held_by_pair ON sessions(cohort_id, status, pair_id, starts_at) WHERE deleted_at IS NULL;

-- index sessions_held_by_start on sessions
CREATE INDEX sessions_held_by_start ON sessions(cohort_id, status, starts_at) WHERE deleted_at IS NULL;

-- index sessions_pair on sessions
CREATE INDEX sessions_pair ON sessions(pair_id, starts_at);

-- index sessions_pair_figures on sessions
CREATE INDEX sessions_pair_figures ON sessions(cohort_id, pair_id, status, starts_at) WHERE deleted_at IS NULL;

-- index sqlite_autoindex_sessions_1 on sessions (made by a PRIMARY KEY or UNIQUE constraint)

-- table survey_responses on survey_responses
CREATE TABLE survey_responses (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  survey_id TEXT NOT NULL REFERENCES surveys(id),
  person_id TEXT REFERENCES people(id),
  role TEXT,
  department TEXT,
  team TEXT,
  answers TEXT NOT NULL
) WITHOUT ROWID;

-- index survey_responses_survey on survey_responses
CREATE INDEX survey_responses_survey ON survey_responses(survey_id);

-- table surveys on surveys
CREATE TABLE surveys (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  title TEXT NOT NULL,
  anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
  roles TEXT NOT NULL,
  group_by TEXT NOT NULL,
  min_group_size INTEGER NOT NULL CHECK (min_group_size >= 3),
  questions TEXT NOT NULL,
  small_groups TEXT NOT NULL,
  closed_at TEXT,
  imported_at TEXT
);

-- index sqlite_autoindex_surveys_1 on surveys (made by a PRIMARY KEY or UNIQUE constraint)

-- index surveys_cohort on surveys
CREATE INDEX surveys_cohort ON surveys(cohort_id);

-- table sync_conflicts on sync_conflicts
CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('publication', 'capacity')),
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  subject_id TEXT NOT NULL,
  pair_ids TEXT NOT NULL DEFAULT '[]',
  detail TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  reviewed_at TEXT
);

-- index sqlite_autoindex_sync_conflicts_1 on sync_conflicts (made by a PRIMARY KEY or UNIQUE constraint)

-- index sync_conflicts_cohort on sync_conflicts
CREATE INDEX sync_conflicts_cohort ON sync_conflicts(cohort_id);
