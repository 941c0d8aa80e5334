import { noPositionals, parse, required, withApi, type Output } from './api';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `erase --email ADDRESS --program NAME`: a privacy request's erase (people.erase), with what it did. */
export async function eraseCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { email: { type: 'string' }, program: { type: 'string' } });
  noPositionals('erase', positionals);
  const email = required(values.email, '--email').trim();
  const program = required(values.program, '--program').trim();
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
