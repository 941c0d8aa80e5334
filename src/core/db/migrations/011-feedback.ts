import type { Migration } from './migration';

/**
 * Feedback: program surveys, their responses, and pair ratings.
 *
 * survey_responses is a WITHOUT ROWID table keyed by a random UUID, so the file stores responses in id
 * order, not in the order they were written: an anonymous response carries no insertion order (the
 * import also shuffles them and stamps the whole batch with one time, see feedback/responses.ts).
 * person_id is filled only for attributed surveys. role, department and team are the grouping
 * attributes a survey keeps, generalised at import so that each kept combination is shared by at
 * least k respondents (feedback/generalise.ts).
 */
const tracked = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const migration: Migration = {
  version: 11,
  name: 'feedback',
  sql: `
      CREATE TABLE surveys (${tracked},
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
      CREATE INDEX surveys_cohort ON surveys(cohort_id);
      CREATE TABLE survey_responses (${tracked},
        survey_id TEXT NOT NULL REFERENCES surveys(id),
        person_id TEXT REFERENCES people(id),
        role TEXT,
        department TEXT,
        team TEXT,
        answers TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX survey_responses_survey ON survey_responses(survey_id);
      CREATE TABLE pair_ratings (${tracked},
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
      CREATE INDEX pair_ratings_pair ON pair_ratings(pair_id, rated_at);
      CREATE INDEX pair_ratings_cohort ON pair_ratings(cohort_id, rated_at);
    `,
};
