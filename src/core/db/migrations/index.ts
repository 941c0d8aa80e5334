/**
 * Numbered schema migrations, one file per version. Migration N brings `user_version` from N-1 to N and
 * runs in one transaction with the version bump. Never edit a shipped migration: add the next file and
 * list it here.
 */
import type { Migration } from './migration';
import { migration as programsCohortsPeople } from './001-programs-cohorts-people';
import { migration as matchingRounds } from './002-matching-rounds';
import { migration as publicationsAndPairs } from './003-publications-and-pairs';
import { migration as runsSettingsEdits } from './004-runs-settings-edits';
import { migration as foldedKeys } from './005-folded-keys';
import { migration as erasureMarks } from './006-erasure-marks';
import { migration as sessions } from './007-sessions';
import { migration as pairCadence } from './008-pair-cadence';
import { migration as reportSnapshots } from './009-report-snapshots';
import { migration as goalsAndClosing } from './010-goals-and-closing';
import { migration as feedback } from './011-feedback';
import { migration as checkins } from './012-checkins';
import { migration as sync } from './013-sync';
import { migration as learnedModels } from './014-learned-models';
import { migration as sessionFiguresIndex } from './015-session-figures-index';
import { migration as goalFiguresIndex } from './016-goal-figures-index';
import { migration as remindersSent } from './017-reminders-sent';
import { migration as pairReportConsent } from './018-pair-report-consent';
import { migration as fieldIndexOnSync } from './019-field-index-on-sync';
import { migration as heldSessionsByStart } from './020-held-sessions-by-start';
import { migration as heldSessionsByPair } from './021-held-sessions-by-pair';
import { migration as ratingsInTimeOrder } from './022-ratings-in-time-order';

export type { Migration };

export const MIGRATIONS: readonly Migration[] = [
  programsCohortsPeople,
  matchingRounds,
  publicationsAndPairs,
  runsSettingsEdits,
  foldedKeys,
  erasureMarks,
  sessions,
  pairCadence,
  reportSnapshots,
  goalsAndClosing,
  feedback,
  checkins,
  sync,
  learnedModels,
  sessionFiguresIndex,
  goalFiguresIndex,
  remindersSent,
  pairReportConsent,
  fieldIndexOnSync,
  heldSessionsByStart,
  heldSessionsByPair,
  ratingsInTimeOrder,
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
