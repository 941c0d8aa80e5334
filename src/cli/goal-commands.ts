import { CliError, cohortOptions, findCohort, noPositionals, parse, required, usage, withApi, type Api, type Output } from './api';

/** The commands about tracking published pairs: goals (and templates), the due list, closing pairs. */

type Goal = { id: string; title: string; status: string; progress: number; stuck: boolean; daysWithoutProgress: number; targetDate: string | null; mentee: { name: string }; milestones: { title: string; done: boolean; targetDate: string | null }[] };
const goalLine = (g: Goal) =>
  `${g.mentee.name}: "${g.title}"  ${g.status}, ${g.progress}%${g.stuck ? `, stuck ${g.daysWithoutProgress} days` : ''}${g.targetDate ? `, target ${g.targetDate}` : ''}` +
  (g.milestones.length > 0 ? `  [${g.milestones.map((m) => `${m.done ? 'x' : ' '} ${m.title}${m.targetDate ? ` ${m.targetDate}` : ''}`).join('; ')}]` : '');

function asOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw usage(`--as-of is a date or date-time (2027-03-14 or 2027-03-14T09:00:00Z), not "${value}"`);
  return new Date(time).toISOString();
}

/** "Title@2027-04-01" (target date optional), as --milestone takes it. */
function milestone(text: string): { title: string; targetDate: string | null } {
  const at = /^(.*)@(\d{4}-\d{2}-\d{2})$/.exec(text);
  return at ? { title: at[1]!.trim(), targetDate: at[2]! } : { title: text.trim(), targetDate: null };
}

/** "Title+14": a template milestone 14 days after a pair's start. */
function templateMilestone(text: string): { title: string; offsetDays: number } {
  const at = /^(.*)\+(\d+)$/.exec(text);
  if (!at) throw usage(`--milestone of a template is "Title+DAYS" (days after the pair's start), not "${text}"`);
  return { title: at[1]!.trim(), offsetDays: Number(at[2]) };
}

async function pairOfMentee(api: Api, cohortId: string, cohortName: string, email: string) {
  const overview = await api.call('pairs.overview', { cohortId });
  const pair = overview.pairs.find((p) => p.mentee.email.toLowerCase() === email.trim().toLowerCase());
  if (!pair) throw new CliError(`${email} is the mentee of no active pair in ${cohortName}`, 1);
  return pair;
}

async function templateNamed(api: Api, programId: string, title: string) {
  const templates = await api.call('goals.listTemplates', { programId });
  const found = templates.find((t) => t.title.toLowerCase() === title.trim().toLowerCase());
  if (!found) throw new CliError(`No goal template "${title}" in this program${templates.length ? ` (there are: ${templates.map((t) => t.title).join(', ')})` : ''}`, 1);
  return found;
}

async function templateCommand(args: string[], io: Output): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'add' && sub !== 'apply') throw usage(`goals template takes list, add or apply${sub ? `, not "${sub}"` : ''}`);
  const { values, positionals } = parse(rest, { ...cohortOptions, title: { type: 'string' }, target: { type: 'string' }, milestone: { type: 'string', multiple: true }, json: { type: 'boolean' } });
  noPositionals(`goals template ${sub}`, positionals);
  required(values.cohort, '--cohort');
  if (sub !== 'list') required(values.title, '--title');
  const milestones = (values.milestone ?? []).map(templateMilestone);
  const target = values.target === undefined ? null : Number(values.target);
  if (target !== null && !Number.isInteger(target)) throw usage(`--target of a template is whole days after the pair's start, not "${values.target}"`);
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    if (sub === 'list') {
      const templates = await api.call('goals.listTemplates', { programId: cohort.programId });
      io.out(values.json ? JSON.stringify(templates) : templates.length === 0 ? 'No goal templates.' : templates.map((t) => `"${t.title}"  ${t.milestones.map((m) => `${m.title} +${m.offsetDays}d`).join(', ')}`).join('\n'));
      return 0;
    }
    if (sub === 'add') {
      const saved = await api.call('goals.saveTemplate', { programId: cohort.programId, title: values.title!, targetOffsetDays: target, milestones });
      io.out(values.json ? JSON.stringify(saved) : `Saved template "${saved.title}" with ${saved.milestones.length} milestones`);
      return 0;
    }
    const template = await templateNamed(api, cohort.programId, values.title!);
    const result = await api.call('goals.applyTemplate', { templateId: template.id, cohortId: cohort.id });
    io.out(values.json ? JSON.stringify(result) : `"${template.title}" given to ${result.added} pairs of ${cohort.name} (${result.skipped} already had it)`);
    return 0;
  }, { readOnly: sub === 'list' });
}

/** `goals list|add|progress` and `goals template list|add|apply`. */
export async function goalsCommand(args: string[], io: Output): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'template') return templateCommand(rest, io);
  if (sub !== 'list' && sub !== 'add' && sub !== 'progress') throw usage(`goals takes list, add, progress or template${sub ? `, not "${sub}"` : ''}`);
  const { values, positionals } = parse(rest, {
    ...cohortOptions,
    mentee: { type: 'string' },
    title: { type: 'string' },
    target: { type: 'string' },
    milestone: { type: 'string', multiple: true },
    scope: { type: 'string' },
    percent: { type: 'string' },
    status: { type: 'string' },
    stuck: { type: 'boolean' },
    'as-of': { type: 'string' },
    json: { type: 'boolean' },
  });
  noPositionals(`goals ${sub}`, positionals);
  required(values.cohort, '--cohort');
  if (sub !== 'list') {
    required(values.mentee, '--mentee');
    required(values.title, '--title');
  }
  if (values.scope !== undefined && values.scope !== 'mentee' && values.scope !== 'pair') throw usage(`--scope is mentee or pair, not "${values.scope}"`);
  const statuses = ['open', 'reached', 'dropped'] as const;
  const status = values.status as (typeof statuses)[number] | undefined;
  if (status !== undefined && !statuses.includes(status)) throw usage(`--status is open, reached or dropped, not "${values.status}"`);
  const percent = values.percent === undefined ? undefined : Number(values.percent);
  if (percent !== undefined && !Number.isInteger(percent)) throw usage(`--percent is a whole number 0-100, not "${values.percent}"`);
  if (sub === 'progress' && percent === undefined && status === undefined) throw usage('goals progress needs --percent N or --status reached|dropped|open');
  const when = asOf(values['as-of']);
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    if (sub === 'add') {
      const pair = await pairOfMentee(api, cohort.id, cohort.name, values.mentee!);
      const goal = await api.call('goals.add', {
        pairId: pair.pairId,
        scope: (values.scope as 'mentee' | 'pair' | undefined) ?? 'mentee',
        title: values.title!,
        targetDate: values.target ?? null,
        progress: percent ?? null,
        milestones: (values.milestone ?? []).map(milestone),
      });
      io.out(values.json ? JSON.stringify(goal) : `Added: ${goalLine(goal)}`);
      return 0;
    }
    const pair = values.mentee === undefined ? undefined : await pairOfMentee(api, cohort.id, cohort.name, values.mentee);
    const listed = await api.call('goals.list', { ...(pair ? { pairId: pair.pairId } : { cohortId: cohort.id }), asOf: when });
    if (sub === 'progress') {
      const matching = listed.goals.filter((g) => g.title.toLowerCase() === values.title!.trim().toLowerCase());
      if (matching.length !== 1) throw new CliError(matching.length === 0 ? `${pair!.mentee.name} has no goal "${values.title}"` : `${pair!.mentee.name} has ${matching.length} goals "${values.title}"`, 1);
      const goal = await api.call('goals.update', { id: matching[0]!.id, progress: percent, status });
      io.out(values.json ? JSON.stringify(goal) : `Updated: ${goalLine(goal)}`);
      return 0;
    }
    const goals = listed.goals.filter((g) => (status === undefined || g.status === status) && (!values.stuck || g.stuck));
    io.out(values.json ? JSON.stringify(goals) : goals.length === 0 ? `No goals${values.stuck ? ' stuck' : ''} in ${cohort.name}.` : goals.map(goalLine).join('\n'));
    return 0;
  }, { readOnly: sub === 'list' });
}

const KIND_LABEL = { 'session-soon': 'session soon', 'no-first-session': 'no first session', 'past-cadence': 'past cadence', 'stuck-goal': 'stuck goal' } as const;

/** Lines padded into columns. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** `due [--cohort NAME | --program NAME] [--as-of WHEN] [--json]`: what needs action. */
export async function dueCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...cohortOptions, 'as-of': { type: 'string' }, json: { type: 'boolean' } });
  noPositionals('due', positionals);
  const when = asOf(values['as-of']);
  return withApi(values.db, async (api) => {
    let scope: { cohortId?: string; programId?: string } = {};
    if (values.cohort !== undefined) scope = { cohortId: (await findCohort(api, values)).id };
    else if (values.program !== undefined) {
      const program = (await api.call('programs.list', {})).find((p) => p.name.toLowerCase() === values.program!.trim().toLowerCase());
      if (!program) throw new CliError(`No program named "${values.program}"`, 1);
      scope = { programId: program.id };
    }
    const due = await api.call('due.list', { ...scope, asOf: when });
    if (values.json) io.out(JSON.stringify(due));
    else if (due.items.length === 0) io.out(`Nothing due as of ${due.asOf} (${due.cohorts} cohort${due.cohorts === 1 ? '' : 's'}).`);
    else io.out(table([['What', 'Cohort', 'Mentee', 'Mentor', 'Detail'], ...due.items.map((i) => [KIND_LABEL[i.kind], i.cohortName, i.menteeName, i.mentorName, i.text])]));
    return 0;
  }, { readOnly: true });
}

/** `pairs close --mentee EMAIL --outcome completed|ended-early [--reason TEXT]` and `pairs close-cohort`. */
export async function pairsCommand(args: string[], io: Output): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'close' && sub !== 'close-cohort') throw usage(`pairs takes close or close-cohort${sub ? `, not "${sub}"` : ''}`);
  const { values, positionals } = parse(rest, { ...cohortOptions, mentee: { type: 'string' }, outcome: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean' } });
  noPositionals(`pairs ${sub}`, positionals);
  required(values.cohort, '--cohort');
  if (sub === 'close') {
    required(values.mentee, '--mentee');
    if (values.outcome !== 'completed' && values.outcome !== 'ended-early') throw usage(`--outcome is completed or ended-early${values.outcome ? `, not "${values.outcome}"` : ''}`);
  }
  return withApi(values.db, async (api) => {
    const cohort = await findCohort(api, values);
    if (sub === 'close-cohort') {
      const summary = await api.call('pairs.closeCohort', { cohortId: cohort.id });
      io.out(
        values.json
          ? JSON.stringify(summary)
          : `Closed ${cohort.name}: ${summary.pairs} pair${summary.pairs === 1 ? '' : 's'} (${summary.completed} completed, ${summary.endedEarly} ended early), ${summary.sessionsHeld} sessions held, ${summary.goalsReached} of ${summary.goalsTotal} goals reached`,
      );
      return 0;
    }
    const pair = await pairOfMentee(api, cohort.id, cohort.name, values.mentee!);
    const closed = await api.call('pairs.close', { pairId: pair.pairId, outcome: values.outcome as 'completed' | 'ended-early', reason: values.reason ?? '' });
    io.out(values.json ? JSON.stringify(closed) : `Closed the pair of ${pair.mentee.name} and ${pair.mentor.name}: ${closed.closeOutcome === 'completed' ? 'completed' : `ended early (${closed.closeReason})`}`);
    return 0;
  });
}
