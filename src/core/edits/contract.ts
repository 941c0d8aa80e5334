import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { MatchSettings, PairRef } from '../matching/settings';

/** The coordinator's pending changes to the next run, folded from the cohort's edits in order. */
export const Adjustments = z.object({
  locks: z.array(PairRef),
  forbids: z.array(PairRef),
  capacity: z.record(z.string(), z.number().int().min(0)),
});
export type Adjustments = z.infer<typeof Adjustments>;
export const NO_ADJUSTMENTS: Adjustments = { locks: [], forbids: [], capacity: {} };

/** One coordinator decision about the next run; each is a row of the workspace, undone and redone as a whole. */
export const MatchingEdit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lock'), menteeId: Id, mentorId: Id }),
  z.object({ kind: z.literal('forbid'), menteeId: Id, mentorId: Id }),
  z.object({ kind: z.literal('capacity'), mentorId: Id, capacity: z.number().int().min(0).max(50) }),
  /** Replaces every edit before it: "Clear" (to nothing) and "Use these settings" of an earlier run. */
  z.object({ kind: z.literal('reset'), to: Adjustments }),
]);
export type MatchingEdit = z.infer<typeof MatchingEdit>;

/** One pending change to take back by itself, whichever edit made it (a lock, a move, a "Use these settings"). */
export const EditTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lock'), menteeId: Id }),
  z.object({ kind: z.literal('forbid'), menteeId: Id, mentorId: Id }),
  z.object({ kind: z.literal('capacity'), mentorId: Id }),
]);
export type EditTarget = z.infer<typeof EditTarget>;

export const EditsState = z.object({
  adjustments: Adjustments,
  /** The edit Undo would take back, and the one Redo would restore: the buttons say what they will do. */
  undo: MatchingEdit.nullable(),
  redo: MatchingEdit.nullable(),
});
export type EditsState = z.infer<typeof EditsState>;

/** Settings as a cohort keeps them: locks, forbids and capacity changes are edits, not settings. */
export const CohortSettings = MatchSettings;

const ForCohort = z.object({ cohortId: Id });

export const editsContract = defineContract({
  'settings.get': { input: ForCohort, output: CohortSettings },
  'settings.save': { input: ForCohort.extend({ settings: MatchSettings }), output: CohortSettings },
  'edits.get': { input: ForCohort, output: EditsState },
  'edits.add': { input: ForCohort.extend({ edit: MatchingEdit }), output: EditsState },
  /** Takes back one pending change (unlock a pair, allow a forbidden pair, restore a capacity), as one undoable edit. */
  'edits.remove': { input: ForCohort.extend({ target: EditTarget }), output: EditsState },
  'edits.undo': { input: ForCohort, output: EditsState },
  'edits.redo': { input: ForCohort, output: EditsState },
});
