import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatProblem } from '../core/import/validate';
import { CliError, cohortOptions, findCohort, parse, readInput, required, usage, withApi, type Api, type Output } from './api';

/**
 * `feedback …`: program surveys (define from a JSON question list, import the form's answers, close,
 * report with every anonymity rule applied) and pair ratings (import, summary).
 */

const SUBS = ['surveys', 'define', 'import', 'close', 'report', 'ratings', 'pairs'] as const;
type Sub = (typeof SUBS)[number];

const list = (text: string | undefined) => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

async function findSurvey(api: Api, cohortId: string, cohortName: string, title: string) {
  const surveys = await api.call('feedback.surveys', { cohortId });
  const wanted = title.trim().toLowerCase();
  const survey = surveys.find((s) => s.title.toLowerCase() === wanted || s.id === title);
  if (!survey) throw new CliError(`${cohortName} has no survey "${title}"${surveys.length ? `; its surveys: ${surveys.map((s) => s.title).join(', ')}` : ''}`, 1);
  return survey;
}

const kind = (anonymous: boolean) => (anonymous ? 'anonymous' : 'ATTRIBUTED: answers are kept with respondents’ names');

export async function feedbackCommand(args: string[], io: Output): Promise<number> {
  const [sub, ...rest] = args;
  if (!(SUBS as readonly string[]).includes(sub ?? '')) throw usage(`feedback takes ${SUBS.join(', ')}${sub ? `, not "${sub}"` : ''}`);
  const { values, positionals } = parse(rest, {
    ...cohortOptions,
    json: { type: 'boolean' },
    survey: { type: 'string' },
    title: { type: 'string' },
    questions: { type: 'string' },
    attributed: { type: 'boolean' },
    roles: { type: 'string' },
    'group-by': { type: 'string' },
    k: { type: 'string' },
    map: { type: 'string' },
    'skip-invalid': { type: 'boolean' },
    out: { type: 'string' },
    format: { type: 'string' },
  } as const);
  required(values.cohort, '--cohort');
  const s = sub as Sub;
  const takesFile = s === 'import' || s === 'ratings';
  if (takesFile && positionals.length !== 1) throw usage(`feedback ${s} takes exactly one FILE`);
  if (!takesFile && positionals.length > 0) throw usage(`feedback ${s} takes no FILE (got "${positionals[0]}")`);
  if (['import', 'close', 'report'].includes(s)) required(values.survey, '--survey');
  const bytes = takesFile ? readInput(positionals[0]!) : undefined;
  const file = bytes && { fileName: basename(positionals[0]!), dataBase64: bytes.toString('base64'), ...(values.map ? { mappingOverrides: values.map } : {}), skipInvalid: values['skip-invalid'] === true };
  const json = values.json === true;
  const readOnly = s === 'surveys' || s === 'report' || s === 'pairs';
  return withApi(values.db as string | undefined, async (api) => {
    const cohort = await findCohort(api, values);
    if (s === 'surveys') {
      const surveys = await api.call('feedback.surveys', { cohortId: cohort.id });
      if (json) io.out(JSON.stringify(surveys, null, 2));
      else for (const v of surveys) io.out(`${v.title}  (${kind(v.anonymous)}, k ${v.minGroupSize})  ${v.closedAt ? 'closed' : 'open'}  answers: ${v.responses ?? (v.hasResponses ? `fewer than ${v.minGroupSize}` : 0)} of ${v.invited}`);
      if (!json && surveys.length === 0) io.out(`${cohort.name} has no surveys yet.`);
      return 0;
    }
    if (s === 'define') {
      const questionsFile = required(values.questions, '--questions');
      let questions: unknown;
      try {
        questions = JSON.parse(readInput(questionsFile).toString('utf8'));
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(`${questionsFile} is not JSON: ${(error as Error).message}`, 1);
      }
      const k = values.k === undefined ? undefined : Number(values.k);
      if (k !== undefined && !Number.isInteger(k)) throw usage(`--k is a whole number, not "${values.k}"`);
      const survey = await api.call('feedback.defineSurvey', {
        cohortId: cohort.id,
        title: required(values.title, '--title'),
        anonymous: values.attributed !== true,
        roles: (values.roles ? list(values.roles) : ['mentor', 'mentee']) as ('mentor' | 'mentee')[],
        groupBy: list(values['group-by']) as ('role' | 'department' | 'team')[],
        ...(k === undefined ? {} : { minGroupSize: k }),
        questions: questions as never,
      });
      io.out(json ? JSON.stringify(survey, null, 2) : `Defined "${survey.title}" for ${cohort.name} (${kind(survey.anonymous)}, k ${survey.minGroupSize}, ${survey.questions.length} questions, ${survey.invited} invited).`);
      return 0;
    }
    if (s === 'ratings') {
      const result = await api.call('feedback.importRatings', { cohortId: cohort.id, ...file! });
      if (json) io.out(JSON.stringify(result, null, 2));
      else io.out(`Imported ${result.imported} pair rating${result.imported === 1 ? '' : 's'} into ${cohort.name}${result.replaced ? `, ${result.replaced} updated` : ''}.`);
      for (const problem of result.problems) io.err(`skipped ${formatProblem(problem)}`);
      return 0;
    }
    if (s === 'pairs') {
      const summary = await api.call('feedback.pairRatings', { cohortId: cohort.id });
      if (json) io.out(JSON.stringify(summary, null, 2));
      else {
        io.out(`${summary.ratings} rating${summary.ratings === 1 ? '' : 's'}; match ${summary.averageMatch ?? '—'}/5, sessions ${summary.averageSession ?? '—'}/5, would recommend ${summary.recommendShare ?? '—'}%`);
        for (const m of summary.byMentor) io.out(`  ${m.mentorName}: ${m.averageMatch ?? '—'}/5 from ${m.ratings} mentee rating${m.ratings === 1 ? '' : 's'}`);
        for (const low of summary.low) io.out(`  follow up: ${low.menteeName} & ${low.mentorName}: ${low.side} rated ${low.matchRating}/5 on ${low.ratedAt.slice(0, 10)}`);
      }
      return 0;
    }
    const survey = await findSurvey(api, cohort.id, cohort.name, values.survey!);
    if (s === 'import') {
      const result = await api.call('feedback.importResponses', { surveyId: survey.id, ...file! });
      if (json) io.out(JSON.stringify(result, null, 2));
      else io.out(`Imported ${result.imported} answer${result.imported === 1 ? '' : 's'} into "${survey.title}" (${kind(survey.anonymous)})${result.replaced ? `, replacing the ${result.replaced} of the last import` : ''}.`);
      for (const problem of result.problems) io.err(`skipped ${formatProblem(problem)}`);
      return 0;
    }
    if (s === 'close') {
      await api.call('feedback.closeSurvey', { surveyId: survey.id });
      io.out(`Closed "${survey.title}": its results can now be seen, and its answers no longer change.`);
      return 0;
    }
    if (values.out) {
      const format = values.format ?? (values.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
      if (format !== 'csv' && format !== 'xlsx') throw usage(`--format is csv or xlsx, not "${format}"`);
      const exported = await api.call('feedback.exportResults', { surveyId: survey.id, format });
      try {
        writeFileSync(values.out, Buffer.from(exported.dataBase64, 'base64'));
      } catch (error) {
        throw new CliError(`Cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 1);
      }
      io.out(`Saved the results of "${survey.title}" as ${values.out}`);
      return 0;
    }
    const results = await api.call('feedback.results', { surveyId: survey.id });
    if (json) {
      io.out(JSON.stringify(results, null, 2));
      return 0;
    }
    io.out(`${results.survey.title} (${kind(results.survey.anonymous)}, k ${results.k})`);
    if (!results.shown) {
      io.out(results.notice ?? 'No results to show.');
      return 0;
    }
    io.out(`Answers: ${results.respondents} of ${results.invited} invited (${results.rate ?? '—'}%)`);
    for (const b of results.responseRates) {
      io.out(`By ${b.attribute}:`);
      for (const g of b.groups) io.out(`  ${g.label}: ${g.hidden ? (g.reason === 'small' ? `hidden (fewer than ${results.k})` : 'hidden (would reveal a smaller group)') : `${g.count}${g.rate === null ? '' : ` (${g.rate}%)`}`}`);
    }
    for (const q of results.questions) {
      if (q.answered === null) io.out(`${q.text}: hidden (fewer than ${results.k} answers)`);
      else if (q.nps) io.out(`${q.text}: NPS ${q.nps.score} (${q.answered} answers)`);
      else if (q.mean !== null) io.out(`${q.text}: mean ${q.mean} (${q.answered} answers)`);
      else if (q.distribution) io.out(`${q.text}: ${q.distribution.map((d) => `${d.label} ${d.count}`).join(', ')}`);
      for (const c of q.comments) io.out(`  “${c}”`);
    }
    return 0;
  }, { readOnly });
}
