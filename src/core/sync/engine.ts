import type { Store } from '../db/store';
import { applyChanges, type ApplyReport } from './apply';
import { checkVerifier, deriveKey, makeVerifier, newSalt, type SyncKey } from './crypto';
import { ensureFieldIndex, localState, ownChangesAfter, setLastSync, setPushed, useTarget } from './local';
import { LogMemo } from './log-memo';
import { openMessage, sealMessage, type SyncChange } from './messages';
import { SyncServer, type PushFaults, type ServerOptions } from './server';

/**
 * Changes per sealed message, messages per push transaction, messages per pull page. A bulk pull (below) takes
 * pages twice as big: each page writes every row it touches once, so fewer pages write fewer rows (a first sync of
 * 10,000 people: 68,000 row writes instead of 108,000, ~12 % less CPU), for ~280 MB more resident at the peak
 * (893 MB instead of 610 MB; the code before the bulk path peaked at 641 MB): a first sync happens once a machine.
 */
export const LIMITS = { changesPerMessage: 2000, messagesPerPush: 10, messagesPerPull: 50, messagesPerBulkPull: 100 } as const;

export interface Credentials extends ServerOptions {
  passphrase: string;
  /** Which space of the server: one per shared program (default "default"). */
  space?: string;
}

/** An opened space: the key derived, the passphrase checked against the space's verifier. */
export interface OpenSpace {
  server: SyncServer;
  space: string;
  key: SyncKey;
  /** Identifies the space across re-creations (its salt): a different one resets the cursor. */
  target: string;
  created: boolean;
}

type Derive = (passphrase: string, salt: Buffer) => Promise<SyncKey>;

export async function openSpace(credentials: Credentials, derive: Derive = deriveKey): Promise<OpenSpace> {
  const space = credentials.space ?? 'default';
  const server = await SyncServer.connect(credentials);
  try {
    await server.ensureSchema();
    let derived: SyncKey | undefined;
    const record = await server.space(space, async () => {
      const salt = newSalt();
      derived = await derive(credentials.passphrase, salt);
      return { salt, verifier: makeVerifier(derived, space) };
    });
    const key = record.created && derived ? derived : await derive(credentials.passphrase, record.salt);
    checkVerifier(key, space, record.verifier);
    return { server, space, key, target: `${space}:${record.salt.toString('hex')}`, created: record.created };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export interface SyncReport {
  pushedChanges: number;
  pushedMessages: number;
  pulledMessages: number;
  applied: ApplyReport;
  /** Bytes of ciphertext sent and received. */
  bytesUp: number;
  bytesDown: number;
}

/** Pushes this replica's changes the server lacks, in order; the watermark moves only after the server committed. */
export async function push(store: Store, open: OpenSpace, faults?: PushFaults): Promise<{ changes: number; messages: number; bytes: number }> {
  let { pushedSeq } = localState(store);
  const totals = { changes: 0, messages: 0, bytes: 0 };
  for (;;) {
    const { changes, lastSeq } = ownChangesAfter(store, pushedSeq, LIMITS.changesPerMessage * LIMITS.messagesPerPush);
    if (changes.length === 0) {
      if (lastSeq > pushedSeq) setPushed(store, lastSeq);
      return totals;
    }
    // Fixed-size slices from the watermark: a push retried after a crash seals the same bounds, so the same ids.
    const messages = [];
    for (let i = 0; i < changes.length; i += LIMITS.changesPerMessage) {
      messages.push(sealMessage(open.key, open.space, store.clock.clientId, changes.slice(i, i + LIMITS.changesPerMessage)));
    }
    await open.server.push(open.space, messages, faults);
    setPushed(store, lastSeq);
    pushedSeq = lastSeq;
    totals.changes += changes.length;
    totals.messages += messages.length;
    totals.bytes += messages.reduce((sum, m) => sum + m.body.length, 0);
  }
}

/**
 * When a pull takes the bulk path (log-memo.ts): it brings at least `minChanges` of other replicas' changes,
 * and no fewer than the local log holds (the memo reads the whole log first). A first sync, or one resumed
 * after it was cut off; an incremental sync stays on the indexed path, whose cost follows the page, not the log.
 */
export const BULK = { minChanges: 20_000 } as const;

export interface PullOptions {
  /** Force the bulk path on or off (tests compare the two); by default chosen as BULK says. */
  bulk?: boolean;
  /** Messages a page (default LIMITS.messagesPerPull): tests make small programs span many pages. */
  messagesPerPage?: number;
}

function logSize(store: Store): number {
  return (store.prepare('SELECT max(seq) FROM changes').pluck().get() as number | null) ?? 0;
}

/**
 * Pulls what this replica lacks, page by page; each page is applied with its cursor in one local transaction.
 *
 * A big pull into a small log goes the bulk way: the field index is dropped, the pages are applied with the
 * log's answers kept in memory, and the index is built once at the end. Each page still commits with its
 * cursor, so a pull cut off anywhere leaves a workspace the next sync completes: that sync creates the index
 * again if it takes the indexed path (ensureFieldIndex), or goes on the bulk way.
 */
export async function pull(store: Store, open: OpenSpace, now: () => Date, faults?: PushFaults, options: PullOptions = {}): Promise<{ messages: number; bytes: number; applied: ApplyReport }> {
  const applied: ApplyReport = { received: 0, applied: 0, duplicates: 0, merged: 0, conflicts: 0 };
  let messages = 0;
  let bytes = 0;
  let bulk: { memo: LogMemo; usable: boolean } | undefined;
  const incoming = await open.server.backlog(open.space, localState(store).cursor, store.clock.clientId);
  if (options.bulk ?? (incoming >= BULK.minChanges && incoming >= logSize(store))) {
    store.sqlite.exec('DROP INDEX IF EXISTS changes_field');
    bulk = { memo: LogMemo.load(store, incoming), usable: true };
  } else {
    ensureFieldIndex(store);
  }
  const perPage = options.messagesPerPage ?? (bulk ? LIMITS.messagesPerBulkPull : LIMITS.messagesPerPull);
  const read = (after: number) => {
    const reading = open.server.pull(open.space, after, perPage);
    // Awaited below, where a failure is reported; a pull that stops before must not leave it unhandled.
    reading.catch(() => undefined);
    return reading;
  };
  let next = read(localState(store).cursor);
  for (let pageNo = 1; ; pageNo++) {
    const page = await next;
    if (page.length === 0) break;
    // The next page is read while this one is applied (the cursor this page commits is its last seq): the server
    // and the socket work meanwhile, instead of a round trip between pages.
    next = read(page[page.length - 1]!.seq);
    const changes: SyncChange[] = [];
    for (const message of page) {
      bytes += message.body.length;
      // Our own messages: their changes are in our log already.
      if (message.clientId === store.clock.clientId) continue;
      for (const change of openMessage(open.key, open.space, message.id, message.body)) changes.push(change);
    }
    const report = applyChanges(store, faults?.deliver ? faults.deliver(changes) : changes, {
      now: now().toISOString(),
      cursor: page[page.length - 1]!.seq,
      memo: bulk,
      beforeCommit: faults?.pageApplied ? () => faults.pageApplied!(pageNo) : undefined,
    });
    for (const k of Object.keys(applied) as (keyof ApplyReport)[]) applied[k] += report[k];
    messages += page.length;
  }
  // Built once, sorted, instead of kept up through a million inserts; the next sync's pages look fields up in it.
  if (bulk) ensureFieldIndex(store);
  return { messages, bytes, applied };
}

/**
 * One sync: push, pull, and push again what the pull's merge wrote (folded duplicates, resolved
 * conflicts), so peers see the merge on their next pull.
 */
export async function syncOnce(store: Store, open: OpenSpace, now: () => Date, faults?: PushFaults, options?: PullOptions): Promise<SyncReport> {
  useTarget(store, open.target);
  const up = await push(store, open, faults);
  const down = await pull(store, open, now, faults, options);
  const again = await push(store, open, faults);
  setLastSync(store, now().toISOString());
  return {
    pushedChanges: up.changes + again.changes,
    pushedMessages: up.messages + again.messages,
    pulledMessages: down.messages,
    applied: down.applied,
    bytesUp: up.bytes + again.bytes,
    bytesDown: down.bytes,
  };
}
