import { writeFileSync } from 'node:fs';
import { CliError, cohortOptions, findCohort, noPositionals, parse, required, usage, withApi, type Output } from './api';

/** The commands about a cohort's sessions: ics (calendar invitations). */

export async function icsCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    ...cohortOptions,
    out: { type: 'string' },
    organizer: { type: 'string' },
    mentee: { type: 'string' },
    at: { type: 'string' },
    zone: { type: 'string' },
    every: { type: 'string' },
    count: { type: 'string' },
    minutes: { type: 'string' },
  });
  noPositionals('ics', positionals);
  required(values.cohort, '--cohort');
  const out = required(values.out, '--out');
  if (!values.organizer?.trim()) throw usage('ics needs --organizer ADDRESS, the coordinator who sends the invitations: e.g. --organizer "Mentoring team <team@yourorg.org>"');
  const series = values.mentee !== undefined || values.at !== undefined;
  if (series && (values.mentee === undefined || values.at === undefined)) throw usage('A recurring series needs both --mentee EMAIL and --at YYYY-MM-DDTHH:mm');
  const whole = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n)) throw usage(`${flag} takes a whole number, not "${value}"`);
    return n;
  };
  const write = (file: { dataBase64: string }) => {
    try {
      writeFileSync(out, Buffer.from(file.dataBase64, 'base64'));
    } catch (error) {
      throw new CliError(`Cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
    }
  };
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    if (!series) {
      const file = await api.call('sessions.ics', { cohortId: cohort.id, organizer: values.organizer! });
      write(file);
      io.out(`Saved ${file.events} planned session${file.events === 1 ? '' : 's'} of ${cohort.name} as ${out}`);
      return 0;
    }
    const overview = await api.call('pairs.overview', { cohortId: cohort.id });
    const email = values.mentee!.trim().toLowerCase();
    const pair = overview.pairs.find((p) => p.mentee.email.toLowerCase() === email);
    if (!pair) throw new CliError(`${values.mentee} is the mentee of no active pair in ${cohort.name}`, 1);
    const file = await api.call('sessions.icsSeries', {
      pairId: pair.pairId,
      localStart: values.at!,
      zoneOf: oneOf(values.zone, ['mentee', 'mentor'] as const, '--zone', 'mentee'),
      durationMinutes: whole('--minutes', values.minutes) ?? 45,
      count: whole('--count', values.count) ?? 6,
      everyDays: whole('--every', values.every),
      organizer: values.organizer!,
    });
    write(file);
    io.out(`Saved a series of ${file.events} sessions every ${file.everyDays} days for ${pair.mentee.name} and ${pair.mentor.name} as ${out}:`);
    for (const o of file.occurrences) io.out(`  ${at({ ...o.mentee })} (mentee) · ${at({ ...o.mentor })} (mentor)`);
    return 0;
  }, { readOnly: true });
}

const FORMATS = ['video', 'in-person', 'phone'] as const;
const STATUSES = ['planned', 'held', 'cancelled', 'no-show'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw usage(`${flag} is ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

type SessionLine = { startsAt: string; status: string; format: string; durationMinutes: number; differentDays: boolean; mentor: Side; mentee: Side; enteredIn: string };
type Side = { name: string; timezone: string | null; local: string | null; weekday: string | null };
const at = (s: Side) => (s.local === null ? `${s.name}: no time zone` : `${s.name}: ${s.weekday} ${s.local.replace('T', ' ')} ${s.timezone}`);
const line = (s: SessionLine) =>
  `${s.startsAt}  ${s.status}, ${s.format}, ${s.durationMinutes} min  ${at(s.mentee)} (mentee) · ${at(s.mentor)} (mentor)${s.differentDays ? '  [different days]' : ''}`;

/** `sessions add` (log or schedule one session of the pair of a mentee) and `sessions list`. */
export async function sessionsCommand(args: string[], io: Output): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add' && sub !== 'list') throw usage(`sessions takes add or list${sub ? `, not "${sub}"` : ''}`);
  const { values, positionals } = parse(rest, {
    ...cohortOptions,
    mentee: { type: 'string' },
    json: { type: 'boolean' },
    ...(sub === 'add'
      ? { at: { type: 'string' }, zone: { type: 'string' }, minutes: { type: 'string' }, format: { type: 'string' }, status: { type: 'string' }, notes: { type: 'string' }, topics: { type: 'string' } }
      : {}),
  } as const);
  noPositionals(`sessions ${sub}`, positionals);
  required(values.cohort, '--cohort');
  const v = values as Record<string, string | boolean | undefined>;
  const str = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  if (sub === 'add') {
    required(str('mentee'), '--mentee');
    required(str('at'), '--at');
  }
  const zoneOf = oneOf(str('zone'), ['mentee', 'mentor'] as const, '--zone', 'mentee');
  const format = oneOf(str('format'), FORMATS, '--format', 'video');
  const status = oneOf(str('status'), STATUSES, '--status', 'planned');
  const minutes = str('minutes') === undefined ? 60 : Number(str('minutes'));
  if (!Number.isInteger(minutes)) throw usage(`--minutes is a whole number of minutes, not "${str('minutes')}"`);
  return withApi(str('db'), async (api) => {
    const cohort = await findCohort(api, values);
    const overview = await api.call('pairs.overview', { cohortId: cohort.id });
    const menteeEmail = str('mentee')?.trim().toLowerCase();
    const pair = menteeEmail === undefined ? undefined : overview.pairs.find((p) => p.mentee.email.toLowerCase() === menteeEmail);
    if (menteeEmail !== undefined && !pair) throw new CliError(`${str('mentee')} is the mentee of no active pair in ${cohort.name}`, 1);
    if (sub === 'add') {
      const session = await api.call('sessions.add', {
        pairId: pair!.pairId,
        localStart: str('at')!,
        zoneOf,
        durationMinutes: minutes,
        format,
        status,
        notes: str('notes') ?? '',
        topics: (str('topics') ?? '').split(/[,;]/).map((t) => t.trim()).filter((t) => t !== ''),
      });
      io.out(v.json ? JSON.stringify(session) : `Added: ${line(session)}`);
      return 0;
    }
    const sessions = await api.call('sessions.list', pair ? { pairId: pair.pairId } : { cohortId: cohort.id });
    io.out(v.json ? JSON.stringify(sessions) : sessions.length === 0 ? `No sessions in ${cohort.name}${pair ? ` for ${pair.mentee.name}` : ''}.` : sessions.map(line).join('\n'));
    return 0;
  }, { readOnly: sub === 'list' });
}
