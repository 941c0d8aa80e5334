import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';
import { Role } from '../domain/participant';

/** A person of a program: the record every cohort of the program shares (name, email). */
export const Person = z.object({ id: Id, programId: Id, programName: z.string(), fullName: z.string(), email: z.string() });
export type Person = z.infer<typeof Person>;

/** Exactly what people.erase would delete, blank or clear: what the confirmation shows. */
export const ErasurePlan = z.object({
  person: Person,
  /** Every cohort record of theirs, removed ones included. */
  memberships: z.array(z.object({ memberId: Id, cohortId: Id, cohortName: z.string(), role: Role, removed: z.boolean() })),
  /** Published pairs they are in, deleted (their partners become unpaired). */
  pairs: z.number().int(),
  activePairs: z.number().int(),
  /** Sessions of those pairs (times, notes, topics), deleted with them. */
  sessions: z.number().int(),
  /** Matching edits (lock, forbid, capacity) that name them, deleted; undo-able resets no longer mention them. */
  edits: z.number().int(),
  /** Other participants whose manager email is theirs: the field is cleared. */
  managerReferences: z.number().int(),
  /** Change-log entries whose values are blanked and marked erased. */
  changeRows: z.number().int(),
  /** Saved runs that include them: kept, with only their ids (which no longer lead to anyone). */
  runs: z.number().int(),
  /** Backups Pairwise made beside the workspace before upgrades: they still hold the person's data. */
  backups: z.array(z.string()),
});
export type ErasurePlan = z.infer<typeof ErasurePlan>;

export const ErasureResult = ErasurePlan.omit({ person: true }).extend({
  personId: Id,
  /** The file was rebuilt (VACUUM) so the erased bytes are gone from it. */
  vacuumed: z.boolean(),
  /** The write-ahead log was emptied too; false while another connection to the file is reading. */
  walCleared: z.boolean(),
});
export type ErasureResult = z.infer<typeof ErasureResult>;

export const peopleContract = defineContract({
  /** A person by program name and email (what the CLI and a privacy request know); emails compare folded. */
  'people.find': { input: z.object({ program: z.string().min(1).max(200), email: z.string().min(1).max(320) }), output: Person },
  'people.erasePlan': { input: z.object({ personId: Id }), output: ErasurePlan },
  /**
   * Erases a person for a privacy request: deletes their rows (person, cohort records, their pairs and
   * edits), blanks every change-log value that described them, then compacts the file. Unlike
   * members.remove (a tombstone that keeps history), this cannot be undone.
   */
  'people.erase': { input: z.object({ personId: Id }), output: ErasureResult },
  /** Which of these ids belonged to people or cohort records that were erased (shown as "(erased)"). */
  'people.erasedIds': { input: z.object({ ids: z.array(Id).max(100_000) }), output: z.array(Id) },
});
