import type { Store } from '../db/store';
import { MatchSettings, type MatchSettingsInput } from '../matching/settings';
import { getCohort } from '../programs/programs';
import { UserError } from '../errors';
import { MatchingEdit, NO_ADJUSTMENTS, type Adjustments, type EditsState, type EditTarget } from './contract';

/**
 * A cohort's matching settings and the coordinator's edits live in the workspace file, written through
 * the change-recording writer: they survive restarts, reach the CLI and sync like every other decision.
 */

const samePair = (a: { menteeId: string; mentorId: string }, b: { menteeId: string; mentorId: string }) =>
  a.menteeId === b.menteeId && a.mentorId === b.mentorId;

/** Edits are kept apart from settings: these fields of a saved settings object are always empty. */
function withoutEdits(settings: MatchSettings): MatchSettings {
  return { ...settings, lockedPairs: [], forbiddenPairs: [], capacityOverrides: {} };
}

export function cohortSettings(store: Store, cohortId: string): MatchSettings {
  getCohort(store, cohortId);
  const row = store.first(store.q.selectFrom('cohorts').select('matching_settings').where('id', '=', cohortId));
  return withoutEdits(MatchSettings.parse(row?.matching_settings ? JSON.parse(row.matching_settings) : {}));
}

export function saveCohortSettings(store: Store, cohortId: string, settings: MatchSettingsInput): MatchSettings {
  getCohort(store, cohortId);
  const saved = withoutEdits(MatchSettings.parse(settings));
  store.transact((w) => w.update('cohorts', cohortId, { matching_settings: JSON.stringify(saved) }));
  return saved;
}

interface EditRow {
  id: string;
  position: number;
  undone: number;
  edit: MatchingEdit;
}

function editRows(store: Store, cohortId: string): EditRow[] {
  return store
    .all(
      store.q
        .selectFrom('matching_edits')
        .select(['id', 'position', 'undone', 'kind', 'mentee_id', 'mentor_id', 'capacity', 'payload'])
        .where('cohort_id', '=', cohortId)
        .where('deleted_at', 'is', null)
        .orderBy('position'),
    )
    .map((row) => ({
      id: row.id,
      position: row.position,
      undone: row.undone,
      edit: MatchingEdit.parse(
        row.kind === 'reset'
          ? { kind: 'reset', to: JSON.parse(row.payload ?? 'null') }
          : { kind: row.kind, menteeId: row.mentee_id ?? undefined, mentorId: row.mentor_id, capacity: row.capacity ?? undefined },
      ),
    }));
}

/** What the edits amount to, applied in order: a later lock of a mentee replaces an earlier one, and so on. */
export function foldEdits(edits: readonly MatchingEdit[]): Adjustments {
  let state: Adjustments = NO_ADJUSTMENTS;
  for (const edit of edits) {
    switch (edit.kind) {
      case 'lock':
        state = {
          ...state,
          locks: [...state.locks.filter((l) => l.menteeId !== edit.menteeId), { menteeId: edit.menteeId, mentorId: edit.mentorId }],
          forbids: state.forbids.filter((f) => !samePair(f, edit)),
        };
        break;
      case 'forbid':
        state = {
          ...state,
          forbids: [...state.forbids.filter((f) => !samePair(f, edit)), { menteeId: edit.menteeId, mentorId: edit.mentorId }],
          locks: state.locks.filter((l) => !samePair(l, edit)),
        };
        break;
      case 'capacity':
        state = { ...state, capacity: { ...state.capacity, [edit.mentorId]: edit.capacity } };
        break;
      case 'reset':
        state = edit.to;
        break;
    }
  }
  return state;
}

export function editsState(store: Store, cohortId: string): EditsState {
  getCohort(store, cohortId);
  const rows = editRows(store, cohortId);
  const applied = rows.filter((r) => r.undone === 0);
  return {
    adjustments: foldEdits(applied.map((r) => r.edit)),
    undo: applied.at(-1)?.edit ?? null,
    redo: rows.find((r) => r.undone === 1)?.edit ?? null,
  };
}

/** Records an edit; like any editor, a new edit drops what could have been redone. */
export function addEdit(store: Store, cohortId: string, edit: MatchingEdit): EditsState {
  getCohort(store, cohortId);
  store.transact((w) => {
    const rows = editRows(store, cohortId);
    for (const row of rows) if (row.undone === 1) w.remove('matching_edits', row.id);
    w.insert('matching_edits', {
      cohort_id: cohortId,
      position: (rows.at(-1)?.position ?? 0) + 1,
      kind: edit.kind,
      mentee_id: 'menteeId' in edit ? edit.menteeId : null,
      mentor_id: 'mentorId' in edit ? edit.mentorId : null,
      capacity: edit.kind === 'capacity' ? edit.capacity : null,
      payload: edit.kind === 'reset' ? JSON.stringify(edit.to) : null,
      undone: 0,
    });
  });
  return editsState(store, cohortId);
}

/** Takes back one pending change by recording the adjustments without it: one edit, undone like any other. */
export function removeEdit(store: Store, cohortId: string, target: EditTarget): EditsState {
  const { adjustments } = editsState(store, cohortId);
  const without: Adjustments =
    target.kind === 'lock'
      ? { ...adjustments, locks: adjustments.locks.filter((l) => l.menteeId !== target.menteeId) }
      : target.kind === 'forbid'
        ? { ...adjustments, forbids: adjustments.forbids.filter((f) => !samePair(f, target)) }
        : { ...adjustments, capacity: Object.fromEntries(Object.entries(adjustments.capacity).filter(([mentorId]) => mentorId !== target.mentorId)) };
  if (JSON.stringify(without) === JSON.stringify(adjustments)) throw new UserError('That edit is no longer pending: it was already taken back');
  return addEdit(store, cohortId, { kind: 'reset', to: without });
}

/** Undone edits stay as rows (undone = 1) so that Redo works across restarts and machines. */
export function undoEdit(store: Store, cohortId: string): EditsState {
  const last = editRows(store, cohortId).filter((r) => r.undone === 0).at(-1);
  if (last) store.transact((w) => w.update('matching_edits', last.id, { undone: 1 }));
  return editsState(store, cohortId);
}

export function redoEdit(store: Store, cohortId: string): EditsState {
  const next = editRows(store, cohortId).find((r) => r.undone === 1);
  if (next) store.transact((w) => w.update('matching_edits', next.id, { undone: 0 }));
  return editsState(store, cohortId);
}

/** The settings the next run of a cohort uses: what was saved for it, with the coordinator's edits applied. */
export function plannedSettings(store: Store, cohortId: string): MatchSettings {
  const { adjustments } = editsState(store, cohortId);
  return {
    ...cohortSettings(store, cohortId),
    lockedPairs: adjustments.locks,
    forbiddenPairs: adjustments.forbids,
    capacityOverrides: adjustments.capacity,
  };
}
