import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { noPositionals, parse, usage, withApi, type Api, type Output } from './api';

/**
 * `sync status|now|conflicts`: the optional cloud sync from the command line. The server comes from
 * --server or PAIRWISE_SYNC_URL, the passphrase from PAIRWISE_SYNC_PASSPHRASE or a prompt (never a flag:
 * flags end up in shell history and process lists). Neither is ever written to the workspace.
 */

const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof SSL_MODES)[number];

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  process.stderr.write(question);
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    }),
  );
}

async function passphrase(): Promise<string> {
  const fromEnv = process.env.PAIRWISE_SYNC_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw usage('sync needs the program passphrase: set PAIRWISE_SYNC_PASSPHRASE (or run it in a terminal to be asked)');
  return promptHidden('Program passphrase: ');
}

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : 'never');

async function printStatus(api: Api, io: Output, json: boolean): Promise<void> {
  const status = await api.call('sync.status', {});
  if (json) return io.out(JSON.stringify(status, null, 2));
  if (!status.connected) {
    io.out('Sync is not set up: give --server URL (or PAIRWISE_SYNC_URL) and the passphrase in PAIRWISE_SYNC_PASSPHRASE.');
  } else {
    io.out(`Server: ${status.server} (space ${status.space}) — ${status.reachable ? 'reachable' : 'NOT reachable'}`);
  }
  io.out(`Last sync: ${when(status.lastSyncAt)}`);
  io.out(`Changes waiting to be pushed: ${status.pendingChanges}`);
  io.out(`Conflicts to review: ${status.openConflicts}`);
}

export async function syncCommand(args: string[], io: Output): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'status' && sub !== 'now' && sub !== 'conflicts') throw usage(`sync takes status, now or conflicts${sub ? `, not "${sub}"` : ''}`);
  const { values, positionals } = parse(rest, {
    server: { type: 'string' },
    space: { type: 'string' },
    sslmode: { type: 'string' },
    json: { type: 'boolean' },
    all: { type: 'boolean' },
  });
  noPositionals(`sync ${sub}`, positionals);
  if (values.sslmode !== undefined && !(SSL_MODES as readonly string[]).includes(values.sslmode)) {
    throw usage(`--sslmode is ${SSL_MODES.join(', ')}, not "${values.sslmode}"`);
  }
  const url = values.server ?? process.env.PAIRWISE_SYNC_URL;
  if (sub === 'now' && !url) throw usage('sync now needs --server URL (or PAIRWISE_SYNC_URL)');
  const secret = url && sub !== 'conflicts' ? await passphrase() : undefined;

  return withApi(values.db, async (api) => {
    if (url && secret !== undefined) {
      await api.call('sync.connect', { url, passphrase: secret, space: values.space ?? process.env.PAIRWISE_SYNC_SPACE ?? undefined, sslmode: values.sslmode as SslMode | undefined });
    }
    if (sub === 'status') {
      await printStatus(api, io, values.json === true);
    } else if (sub === 'now') {
      const result = await api.call('sync.now', {});
      if (values.json) {
        io.out(JSON.stringify(result, null, 2));
      } else {
        io.out(`Pushed ${result.pushedChanges} change${result.pushedChanges === 1 ? '' : 's'} (${result.bytesUp} bytes), pulled ${result.pulledMessages} message${result.pulledMessages === 1 ? '' : 's'} (${result.bytesDown} bytes), ${result.appliedRows} row${result.appliedRows === 1 ? '' : 's'} updated.`);
        if (result.mergedDuplicates > 0) io.out(`Merged ${result.mergedDuplicates} duplicate record${result.mergedDuplicates === 1 ? '' : 's'} (the same program, cohort or person on two machines).`);
        if (result.newConflicts > 0) io.out(`${result.newConflicts} new conflict${result.newConflicts === 1 ? '' : 's'} to review: pairwise sync conflicts`);
      }
    } else {
      const conflicts = await api.call('sync.conflicts', { includeReviewed: values.all === true });
      if (values.json) {
        io.out(JSON.stringify(conflicts, null, 2));
      } else if (conflicts.length === 0) {
        io.out('No conflicts to review.');
      } else {
        for (const c of conflicts) {
          const ended = c.endedPairs.map((p) => `${p.mentee} with ${p.mentor}`).join('; ');
          io.out(`${when(c.detectedAt)}  ${c.kind}  ${c.cohortName}: ${c.subject.name}. ${c.detail} Ended: ${ended || 'none'}${c.reviewedAt ? ' (reviewed)' : ''}`);
        }
      }
    }
    return 0;
  });
}
