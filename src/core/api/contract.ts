import { z } from 'zod';
import { Member } from '../domain/participant';
import { Cohort, Program, ProgramSettings } from '../domain/program';
import { ColumnMapping } from '../import/fields';
import { MemberPatch } from '../participants/members';

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
