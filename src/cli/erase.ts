import { parseArgs } from 'node:util';
import type { MethodInput, MethodName, MethodOutput } from '../core/api/contract';

interface Api {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

/** What main.ts lends the command: its way to open the workspace and its usage error (exit code 2). */
export interface EraseDeps {
  withApi: <T>(dbPath: string | undefined, fn: (api: Api) => Promise<T>) => Promise<T>;
  usage: (message: string) => Error;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `erase --email ADDRESS --program NAME`: a privacy request's erase (people.erase), with what it did. */
export async function eraseCommand(args: string[], io: { out: (text: string) => void; err: (text: string) => void }, { withApi, usage }: EraseDeps): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: { email: { type: 'string' }; program: { type: 'string' }; db: { type: 'string' } }; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options: { email: { type: 'string' }, program: { type: 'string' }, db: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw usage(`erase takes no FILE (got "${positionals[0]}")`);
  const email = values.email?.trim();
  const program = values.program?.trim();
  if (!email) throw usage('--email is required');
  if (!program) throw usage('--program is required');
  return withApi(values.db, async (api) => {
    const person = await api.call('people.find', { program, email });
    const erased = await api.call('people.erase', { personId: person.id });
    io.out(
      `Erased ${person.fullName} <${person.email}> from ${person.programName}: ${plural(erased.memberships.length, 'cohort record')}, ` +
        `${plural(erased.pairs, 'pair')}, ${plural(erased.edits, 'matching edit')}, ${plural(erased.managerReferences, 'manager reference')} cleared; ` +
        `${plural(erased.changeRows, 'change-log value')} blanked. The file was compacted, so the erased bytes are gone from it.`,
    );
    if (!erased.walCleared) io.err('Another program has the workspace open: erased bytes may stay in its -wal file until that program closes it.');
    if (erased.backups.length > 0) io.err(`Backups made before upgrades still hold their data; delete them if the request covers them:\n${erased.backups.join('\n')}`);
    return 0;
  });
}
