import { randomInt } from 'node:crypto';
import type { Store } from '../db/store';
import type { Breakdown, GroupFigure, QuestionResult, Survey, SurveyResults } from './contract';
import type { GroupAttribute } from './generalise';
import { maskNames, nameMatcher } from './masking';
import { isNumeric, scalePoints, type SurveyQuestion } from './questions';
import { cohortNames } from './responses';
import { getSurvey, invitedMembers, toSurvey, type SurveyDefinition } from './surveys';
import { checkedK, suppressGroups } from './suppression';

/** A stored response as results read it: the kept grouping values and the answers by question id. */
export interface StoredResponse {
  role: string | null;
  department: string | null;
  team: string | null;
  answers: Record<string, number | string>;
}

export interface ResultsInput {
  survey: Survey;
  smallGroups: SurveyDefinition['smallGroups'];
  responses: readonly StoredResponse[];
  /** The members the survey asks, with their grouping values: the denominators of response rates. */
  invited: readonly { role: string; department: string | null; team: string | null }[];
  /** Cohort participants' names, masked in comments. */
  names: readonly string[];
  /** Orders comments; random by default (the order must not follow the stored one). */
  shuffle?: <T>(items: readonly T[]) => T[];
}

const ATTRIBUTE_LABEL: Record<GroupAttribute, string> = { role: 'role', department: 'department', team: 'team' };

function randomOrder<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const mean = (values: readonly number[]) => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100);

function npsOf(values: readonly number[]) {
  const promoters = values.filter((v) => v >= 9).length;
  const detractors = values.filter((v) => v <= 6).length;
  return { score: Math.round(((promoters - detractors) / values.length) * 100), promoters, passives: values.length - promoters - detractors, detractors };
}

const EMPTY: Omit<GroupFigure, 'label' | 'invited' | 'hidden' | 'reason'> = { count: null, rate: null, mean: null, nps: null };

/**
 * One breakdown (by role, department or team) of a set of responses, every rule applied: groups the
 * import generalised away are hidden with their reason, the mixed group of responses whose value was not
 * kept is one more group, and small-group plus complementary suppression decide the rest.
 */
function breakdown(
  attribute: GroupAttribute,
  responses: readonly StoredResponse[],
  input: ResultsInput,
  k: number,
  figures: (group: readonly StoredResponse[]) => Pick<GroupFigure, 'mean' | 'nps'>,
): Breakdown {
  const dropped = new Map((input.smallGroups[attribute] ?? []).map((d) => [d.value, d.reason]));
  const invitedBy = new Map<string, number>();
  for (const m of input.invited) {
    const value = m[attribute]?.trim();
    if (value) invitedBy.set(value, (invitedBy.get(value) ?? 0) + 1);
  }
  const byValue = new Map<string, StoredResponse[]>();
  const mixed: StoredResponse[] = [];
  for (const r of responses) {
    const value = r[attribute];
    if (value === null) mixed.push(r);
    else {
      const list = byValue.get(value);
      if (list) list.push(r);
      else byValue.set(value, [r]);
    }
  }
  const labels = [...new Set([...invitedBy.keys(), ...byValue.keys()])].sort((a, b) => a.localeCompare(b));
  const counted = labels.filter((l) => !dropped.has(l)).map((label) => ({ key: label, count: byValue.get(label)?.length ?? 0 }));
  const droppedLabels = labels.filter((l) => dropped.has(l));
  const MIXED = '\u0000mixed';
  if (mixed.length > 0) counted.push({ key: MIXED, count: mixed.length });
  const verdict = new Map(suppressGroups(counted, k).map((g) => [g.key, g]));
  const groups: GroupFigure[] = [];
  for (const label of labels) {
    const invited = invitedBy.get(label) ?? null;
    const reason = dropped.get(label);
    if (reason) {
      groups.push({ label, invited, ...EMPTY, hidden: true, reason });
      continue;
    }
    const v = verdict.get(label)!;
    const members = byValue.get(label) ?? [];
    groups.push(
      v.hidden
        ? { label, invited, ...EMPTY, hidden: true, reason: v.reason }
        : { label, invited, count: v.count, rate: invited ? Math.round((v.count / invited) * 1000) / 10 : null, ...figures(members), hidden: false, reason: null },
    );
  }
  if (mixed.length > 0) {
    const v = verdict.get(MIXED)!;
    const label = droppedLabels.length > 0 ? `Kept together: ${droppedLabels.join(', ')}` : `No ${ATTRIBUTE_LABEL[attribute]} kept`;
    groups.push(v.hidden ? { label, invited: null, ...EMPTY, hidden: true, reason: v.reason } : { label, invited: null, count: v.count, rate: null, ...figures(mixed), hidden: false, reason: null });
  }
  return { attribute, groups };
}

function questionResult(q: SurveyQuestion, input: ResultsInput, k: number, shuffle: <T>(items: readonly T[]) => T[]): QuestionResult {
  const answering = input.responses.filter((r) => q.id in r.answers);
  const base = { id: q.id, type: q.type, text: q.text };
  if (answering.length < k) return { ...base, answered: null, distribution: null, mean: null, nps: null, comments: [], byGroup: [] };
  const numbers = (rs: readonly StoredResponse[]) => rs.map((r) => r.answers[q.id]).filter((v): v is number => typeof v === 'number');
  if (q.type === 'text') {
    const matcher = nameMatcher(input.names);
    const texts = answering.map((r) => String(r.answers[q.id])).filter((t) => t.trim() !== '');
    return { ...base, answered: answering.length, distribution: null, mean: null, nps: null, comments: shuffle(texts.map((t) => maskNames(t, matcher))), byGroup: [] };
  }
  if (q.type === 'choice') {
    const distribution = q.options.map((label) => ({ label, count: answering.filter((r) => r.answers[q.id] === label).length }));
    return { ...base, answered: answering.length, distribution, mean: null, nps: null, comments: [], byGroup: [] };
  }
  const values = numbers(answering);
  const distribution = scalePoints(q).map((p) => ({ label: String(p), count: values.filter((v) => v === p).length }));
  const figures = (rs: readonly StoredResponse[]) => ({ mean: q.type === 'nps' ? null : mean(numbers(rs)), nps: q.type === 'nps' && rs.length > 0 ? npsOf(numbers(rs)).score : null });
  return {
    ...base,
    answered: answering.length,
    distribution,
    mean: q.type === 'nps' ? null : mean(values),
    nps: q.type === 'nps' ? npsOf(values) : null,
    comments: [],
    byGroup: input.survey.groupBy.map((a) => breakdown(a, answering, input, k, figures)),
  };
}

/**
 * A survey's results with every anonymity rule applied: nothing before the survey is closed, nothing
 * under k responses, small-group and complementary suppression in every breakdown, comments masked and
 * shuffled with no dates. Pure apart from the comment order: the Feedback page, the exports, the CLI
 * and the progress report all show what this returns, so no view can show more than another.
 */
export function surveyResults(input: ResultsInput): SurveyResults {
  const k = checkedK(input.survey.minGroupSize);
  const n = input.responses.length;
  const invited = input.invited.length;
  const closed = input.survey.closedAt !== null;
  const hide = (notice: string): SurveyResults => ({ survey: input.survey, k, shown: false, notice, respondents: n >= k ? n : null, invited, rate: null, responseRates: [], questions: [] });
  if (!closed) return hide('Results are shown once the survey is closed, so that one late answer cannot be picked out by comparing two views.');
  if (n < k) return hide(`Fewer than ${k} people answered: no result is shown, so that no answer can be traced to someone.`);
  const shuffle = input.shuffle ?? randomOrder;
  return {
    survey: input.survey,
    k,
    shown: true,
    notice: null,
    respondents: n,
    invited,
    rate: invited > 0 ? Math.round((n / invited) * 1000) / 10 : null,
    responseRates: input.survey.groupBy.map((a) => breakdown(a, input.responses, input, k, () => ({ mean: null, nps: null }))),
    questions: input.survey.questions.map((q) => questionResult(q, input, k, shuffle)),
  };
}

export function loadSurveyResults(store: Store, surveyId: string): SurveyResults {
  const def = getSurvey(store, surveyId);
  const responses = store
    .all(store.q.selectFrom('survey_responses').select(['role', 'department', 'team', 'answers']).where('survey_id', '=', def.id).where('deleted_at', 'is', null))
    .map((r) => ({ role: r.role, department: r.department, team: r.team, answers: JSON.parse(r.answers) as Record<string, number | string> }));
  return surveyResults({
    survey: toSurvey(store, def),
    smallGroups: def.smallGroups,
    responses,
    invited: invitedMembers(store, def.cohortId, def.roles),
    names: cohortNames(store, def.cohortId),
  });
}
