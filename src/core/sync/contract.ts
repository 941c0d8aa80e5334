import { z } from 'zod';
import { defineContract } from '../api/slice';
import { Id } from '../domain/ids';

export const SslMode = z.enum(['disable', 'prefer', 'require', 'verify-ca', 'verify-full']);

/** Where the server address and passphrase come from: sync.connect (kept in memory; the desktop app keeps them with the OS's safe storage), or the environment. */
export const CredentialSource = z.enum(['connect', 'environment']);
export type CredentialSource = z.infer<typeof CredentialSource>;

export const ConnectInput = z.object({
  url: z.string().trim().min(1, 'Give the server address, postgres://user:password@host:5432/database'),
  passphrase: z.string().min(8, 'The program passphrase has at least 8 characters'),
  space: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'A space name is 1 to 64 letters, digits, dots, dashes or underscores')
    .optional(),
  sslmode: SslMode.optional(),
  /** Keep them without reaching the server now: the desktop app restoring saved credentials at start (perhaps offline); the next sync checks them. */
  restore: z.boolean().optional(),
});

export const SyncStatus = z.object({
  connected: z.boolean(),
  source: CredentialSource.nullable(),
  /** The address with its password blanked. */
  server: z.string().nullable(),
  space: z.string().nullable(),
  /** Whether the server answered just now; null when not connected. */
  reachable: z.boolean().nullable(),
  lastSyncAt: z.string().nullable(),
  /** This replica's changes the server does not have yet. */
  pendingChanges: z.number().int(),
  /** Conflicts not reviewed yet. */
  openConflicts: z.number().int(),
  /** The last automatic or manual sync's failure, when it failed. */
  lastError: z.string().nullable(),
  syncing: z.boolean(),
  autoSyncMinutes: z.number().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncResult = z.object({
  pushedChanges: z.number().int(),
  pulledMessages: z.number().int(),
  appliedRows: z.number().int(),
  mergedDuplicates: z.number().int(),
  newConflicts: z.number().int(),
  bytesUp: z.number().int(),
  bytesDown: z.number().int(),
  status: SyncStatus,
});
export type SyncResult = z.infer<typeof SyncResult>;

const Named = z.object({ id: z.string(), name: z.string() });

export const SyncConflict = z.object({
  id: Id,
  kind: z.enum(['publication', 'capacity']),
  cohortId: z.string(),
  cohortName: z.string(),
  /** The mentee (publication) or mentor (capacity) it is about. */
  subject: Named,
  /** Pairs the merge ended. */
  endedPairs: z.array(z.object({ id: z.string(), mentee: z.string(), mentor: z.string() })),
  detail: z.string(),
  detectedAt: z.string(),
  reviewedAt: z.string().nullable(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const syncContract = defineContract({
  'sync.connect': { input: ConnectInput, output: SyncStatus },
  'sync.disconnect': { input: z.object({}), output: SyncStatus },
  'sync.status': { input: z.object({}), output: SyncStatus },
  'sync.now': { input: z.object({}), output: SyncResult },
  'sync.conflicts': { input: z.object({ includeReviewed: z.boolean().optional() }), output: z.array(SyncConflict) },
  'sync.review': { input: z.object({ id: Id }), output: SyncConflict },
});
