import { writeFileSync } from 'node:fs';
import { CliError, cohortOptions, findCohort, noPositionals, parse, required, usage, withApi, type Output } from './api';

/** The commands that hand things over: report (progress report as PDF, XLSX or CSV) and certificates. */

function save(out: string, base64: string): void {
  try {
    writeFileSync(out, Buffer.from(base64, 'base64'));
  } catch (error) {
    throw new CliError(`Cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function date(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !DATE.test(value)) throw usage(`${flag} is a date, YYYY-MM-DD, not "${value}"`);
  return value;
}

export async function reportCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    ...cohortOptions,
    format: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    department: { type: 'string' },
    organisation: { type: 'string' },
    'include-names': { type: 'boolean' },
    leaderboard: { type: 'boolean' },
    'no-snapshot': { type: 'boolean' },
  });
  noPositionals('report', positionals);
  required(values.cohort, '--cohort');
  const out = required(values.out, '--out');
  const format = values.format ?? (out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : out.toLowerCase().endsWith('.csv') ? 'csv' : 'pdf');
  if (format !== 'pdf' && format !== 'xlsx' && format !== 'csv') throw usage(`--format is pdf, xlsx or csv, not "${format}"`);
  const from = date(values.from, '--from');
  const to = date(values.to, '--to');
  // Keeping the report's figures for the next one writes to the workspace; --no-snapshot only reads.
  const keepSnapshot = values['no-snapshot'] !== true;
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    const file = await api.call('reports.export', {
      filter: { cohortId: cohort.id, from, to, department: values.department },
      options: { format, organisation: values.organisation ?? '', includeNames: values['include-names'] === true, leaderboard: values.leaderboard === true, keepSnapshot },
    });
    save(out, file.dataBase64);
    io.out(`Saved the progress report of ${cohort.name} as ${out}`);
    return 0;
  }, { readOnly: !keepSnapshot });
}

export async function certificatesCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...cohortOptions, out: { type: 'string' }, email: { type: 'string' }, organisation: { type: 'string' }, signatory: { type: 'string' } });
  noPositionals('certificates', positionals);
  required(values.cohort, '--cohort');
  const out = required(values.out, '--out');
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    let memberId: string | undefined;
    if (values.email !== undefined) {
      const email = values.email.trim().toLowerCase();
      const members = await api.call('members.list', { cohortId: cohort.id });
      memberId = members.find((m) => m.email.toLowerCase() === email)?.id;
      if (memberId === undefined) throw new CliError(`${values.email} is not in ${cohort.name}`, 1);
    }
    const file = await api.call('reports.certificates', { cohortId: cohort.id, memberId, organisation: values.organisation ?? '', signatory: values.signatory ?? '' });
    save(out, file.dataBase64);
    io.out(`Saved ${file.pages} certificate${file.pages === 1 ? '' : 's'} of ${cohort.name} as ${out}`);
    return 0;
  }, { readOnly: true });
}
