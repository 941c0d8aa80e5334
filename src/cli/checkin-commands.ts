import { basename } from 'node:path';
import { formatProblem } from '../core/import/validate';
import { cohortOptions, findCohort, parse, readInput, required, usage, withApi, type Output } from './api';

/**
 * `checkins import FILE` (a check-in form's answers into the cohort's active pairs: all or nothing,
 * unless --skip-invalid) and `checkins list`.
 */
export async function checkinsCommand(args: string[], io: Output): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import' && sub !== 'list') throw usage(`checkins takes import or list${sub ? `, not "${sub}"` : ''}`);
  const { values, positionals } = parse(rest, {
    ...cohortOptions,
    json: { type: 'boolean' },
    ...(sub === 'import' ? { 'skip-invalid': { type: 'boolean' }, map: { type: 'string' } } : {}),
  } as const);
  required(values.cohort, '--cohort');
  const v = values as Record<string, string | boolean | undefined>;
  if (sub === 'list') {
    if (positionals.length > 0) throw usage(`checkins list takes no FILE (got "${positionals[0]}")`);
    return withApi(typeof v.db === 'string' ? v.db : undefined, async (api) => {
      const cohort = await findCohort(api, values);
      const list = await api.call('checkins.list', { cohortId: cohort.id });
      if (v.json === true) io.out(JSON.stringify(list, null, 2));
      else {
        for (const c of list) {
          const met = c.met === null ? '' : c.met ? 'met' : 'did not meet';
          io.out([c.lastMetOn ?? '—', `${c.respondent.name} (${c.respondent.role})`, met, c.timesMet === null ? '' : `${c.timesMet}×`, c.goalProgress ?? '', c.comments].filter(Boolean).join('  '));
        }
        if (list.length === 0) io.out(`No check-ins in ${cohort.name} yet.`);
      }
      return 0;
    }, { readOnly: true });
  }
  if (positionals.length !== 1) throw usage('checkins import takes exactly one FILE');
  const file = positionals[0]!;
  const bytes = readInput(file);
  return withApi(typeof v.db === 'string' ? v.db : undefined, async (api) => {
    const cohort = await findCohort(api, values);
    const result = await api.call('checkins.import', {
      cohortId: cohort.id,
      fileName: basename(file),
      dataBase64: bytes.toString('base64'),
      ...(typeof v.map === 'string' ? { mappingOverrides: v.map } : {}),
      skipInvalid: v['skip-invalid'] === true,
    });
    if (v.json === true) io.out(JSON.stringify(result, null, 2));
    else io.out(`Imported ${result.imported} check-in${result.imported === 1 ? '' : 's'} into ${cohort.name} (${result.pairsCovered} pair${result.pairsCovered === 1 ? '' : 's'}), ${result.skipped} skipped.`);
    for (const problem of result.problems) io.err(`skipped ${formatProblem(problem)}`);
    return 0;
  });
}
