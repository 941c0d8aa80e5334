import { z } from 'zod';
import { Member } from '../domain/participant';
import { Cohort, Program, ProgramSettings } from '../domain/program';
import { ColumnMapping } from '../import/fields';
import { MemberPatch } from '../participants/members';
import type { MatchJob } from '../jobs/match-jobs';
import { MatchSettings, type ExtraSlotExplanation, type ForcedPairExplanation } from '../matching';
import type { RoundComparison } from '../rounds/compare';
import type { IntroEmail } from '../rounds/export';
import type { MoveCandidate } from '../rounds/adjust';
import type { Publication, PublishedPair } from '../rounds/publish';
import type { Round, RoundSummary } from '../rounds/rounds';

const Id = z.string().min(1).max(100);

const RowProblem = z.object({ line: z.number().int(), column: z.string(), value: z.string(), message: z.string() });

const ImportFile = z.object({
  cohortId: Id,
  fileName: z.string().min(1).max(260),
  /** The file's bytes, base64: the same over IPC, HTTP and in tests. */
  dataBase64: z.string().max(80_000_000, 'The file is larger than 60 MB'),
  mapping: ColumnMapping.optional(),
});

const ImportPreview = z.object({
  headers: z.array(z.string()),
  mapping: ColumnMapping,
  missingFields: z.array(z.string()),
  rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidLines: z.array(z.number().int()),
  problems: z.array(RowProblem),
  updates: z.number().int(),
});

const ImportSummary = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  problems: z.array(RowProblem),
});

/**
 * The one API contract: every method the renderer, the web bridge and the CLI can call, with the zod
 * schemas that check its input (always) and describe its output. Adding a method here and a handler
 * in handlers.ts is all it takes to serve it everywhere.
 */
export const contract = {
  'workspace.info': {
    input: z.object({}),
    output: z.object({ path: z.string(), schemaVersion: z.number().int(), changeCount: z.number().int() }),
  },
  'programs.list': { input: z.object({}), output: z.array(Program) },
  'programs.create': { input: z.object({ name: z.string() }), output: Program },
  'programs.update': {
    input: z.object({ id: Id, name: z.string().optional(), archived: z.boolean().optional(), settings: ProgramSettings.partial().optional() }),
    output: Program,
  },
  'cohorts.list': { input: z.object({ programId: Id.optional() }), output: z.array(Cohort) },
  'cohorts.create': {
    input: z.object({ programId: Id, name: z.string(), startDate: z.string().nullable().optional() }),
    output: Cohort,
  },
  'cohorts.update': {
    input: z.object({ id: Id, name: z.string().optional(), archived: z.boolean().optional(), startDate: z.string().nullable().optional() }),
    output: Cohort,
  },
  'members.list': { input: z.object({ cohortId: Id }), output: z.array(Member) },
  'members.update': { input: z.object({ id: Id, patch: MemberPatch }), output: Member },
  'members.remove': { input: z.object({ id: Id }), output: z.object({ removed: z.literal(true) }) },
  'import.preview': { input: ImportFile, output: ImportPreview },
  'import.run': { input: ImportFile.extend({ skipInvalid: z.boolean() }), output: ImportSummary },
  'rounds.list': { input: z.object({ cohortId: Id }), output: z.array(z.custom<RoundSummary>()) },
  'rounds.get': { input: z.object({ id: Id }), output: z.custom<Round>() },
  /** Starts a matching run off the main thread; poll rounds.job for progress, then open the saved round. */
  'rounds.start': {
    input: z.object({ cohortId: Id, settings: MatchSettings, name: z.string().max(120).optional() }),
    output: z.custom<MatchJob>(),
  },
  'rounds.job': { input: z.object({ jobId: Id }), output: z.custom<MatchJob>() },
  'rounds.cancel': { input: z.object({ jobId: Id }), output: z.custom<MatchJob>() },
  'rounds.explainPair': { input: z.object({ roundId: Id, menteeId: Id, mentorId: Id }), output: z.custom<ForcedPairExplanation>() },
  'rounds.moveCandidates': { input: z.object({ roundId: Id, menteeId: Id }), output: z.array(z.custom<MoveCandidate>()) },
  'rounds.extraSlot': { input: z.object({ roundId: Id, mentorId: Id }), output: z.custom<ExtraSlotExplanation>() },
  'rounds.compare': { input: z.object({ a: Id, b: Id }), output: z.custom<RoundComparison>() },
  'rounds.publish': {
    input: z.object({ roundId: Id }),
    output: z.object({ publication: z.custom<Publication>(), kept: z.number(), added: z.number(), ended: z.number() }),
  },
  'rounds.publications': { input: z.object({ cohortId: Id }), output: z.array(z.custom<Publication>()) },
  'pairs.active': { input: z.object({ cohortId: Id }), output: z.array(z.custom<PublishedPair>()) },
  'pairs.dissolved': { input: z.object({ cohortId: Id }), output: z.array(z.custom<PublishedPair>()) },
  'pairs.dissolve': { input: z.object({ pairId: Id }), output: z.custom<PublishedPair>() },
  'rounds.export': {
    input: z.object({
      roundId: Id,
      format: z.enum(['csv', 'xlsx', 'eml']),
      from: z.string().max(200).optional(),
      note: z.string().max(5000).optional(),
    }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string() }),
  },
  'rounds.introPreview': {
    input: z.object({ roundId: Id, from: z.string().max(200).optional(), note: z.string().max(5000).optional() }),
    output: z.object({ count: z.number().int(), first: z.custom<IntroEmail>().nullable() }),
  },
  'sample.load': {
    input: z.object({}),
    output: z.object({ program: Program, cohort: Cohort, summary: ImportSummary }),
  },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** What crosses a transport: a value, or an error the UI can show as is. */
export type CallResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { message: string; code: 'invalid-input' | 'user' | 'not-found' | 'internal'; problems?: z.infer<typeof RowProblem>[] } };

/** The typed client every front end (renderer, tests) programs against. */
export interface PairwiseApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
