import type { LearnedModel } from '../core/learning/contract';
import { CliError, noPositionals, parse, required, withApi, type Output } from './api';

/** `pairwise learn`: train the program's learned match score and show what it learned and its evidence. */

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));

function modelText(model: LearnedModel): string[] {
  const e = model.evaluation;
  return [
    `Learned score, version ${model.version} (${model.trainedAt.slice(0, 10)}): ${model.summary}`,
    '',
    'Criterion               share of the learned score   coefficient',
    ...model.effects.map((x) => `  ${x.label.padEnd(22)}${pct(x.share).padStart(10)}${x.coefficient.toFixed(2).padStart(28)}`),
    '',
    `Held-out evaluation: learned from ${e.trainPairs} rated pairs in ${e.trainCohorts} earlier cohort${e.trainCohorts === 1 ? '' : 's'}, tested on ${e.testPairs} pairs of ${e.testCohortName} (${pct(e.baseRate)} rated good).`,
    '                         learned   hand-set weights',
    `  AUC                    ${num(e.learned.auc).padStart(7)}   ${num(e.hand.auc).padStart(7)}`,
    `  precision@20%          ${pct(e.learned.precisionAtK).padStart(7)}   ${pct(e.hand.precisionAtK).padStart(7)}`,
    `  calibration error      ${num(e.learned.calibrationError).padStart(7)}   ${num(e.hand.calibrationError).padStart(7)}`,
    `  AUC gain ${e.aucGain.estimate.toFixed(2)} (90% interval ${e.aucGain.low.toFixed(2)} to ${e.aucGain.high.toFixed(2)})`,
    '',
    `${e.recommended ? 'Recommended' : 'Not recommended'}: ${e.verdict}`,
  ];
}

export async function learnCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, { program: { type: 'string' }, json: { type: 'boolean' } });
  noPositionals('learn', positionals);
  const name = required(values.program, '--program');
  return withApi(values.db, async (api) => {
    const program = (await api.call('programs.list', {})).find((p) => p.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (!program) throw new CliError(`No program named "${name}"`, 1);
    const status = await api.call('learning.status', { programId: program.id });
    if (!status.ready) throw new CliError(`Not enough rated pairs to learn a score yet. ${status.reason}`, 1);
    const model = await api.call('learning.train', { programId: program.id });
    if (values.json === true) io.out(JSON.stringify(model, null, 2));
    else for (const line of modelText(model)) io.out(line);
    return 0;
  });
}
