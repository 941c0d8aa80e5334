import { join } from 'node:path';
import { dispatch } from '../../../src/core/api/dispatch';
import { createHandlers } from '../../../src/core/api/handlers';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/core/api/contract';
import { addMember } from '../../../src/core/participants/roster';
import { runMatchNow } from '../../../src/core/runs/runs';
import { tempStore } from '../temp';

export const resourcesDir = join(__dirname, '../../../resources');
export const NOW = new Date('2027-04-05T12:00:00Z');

/**
 * The sample cohort with two extra people (an accented and a Japanese name), matched, published and given
 * 12 weeks of generated sessions, on a fixed clock: what the report tests read.
 */
export async function reportFixture() {
  const store = await tempStore();
  const handlers = createHandlers({ store, resourcesDir, now: () => NOW });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await dispatch(handlers, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };
  const { cohort } = await call('sample.load', {});
  addMember(store, cohort.id, { fullName: '田中 智子', email: 'tomoko.tanaka@example.jp', role: 'Mentor', capacity: 2, timezone: 'Asia/Tokyo' });
  addMember(store, cohort.id, { fullName: 'Chloé Müller-Łukasz', email: 'chloe@example.org', role: 'Mentee', timezone: 'Europe/Paris' });
  const run = await runMatchNow(store, { cohortId: cohort.id, settings: {} });
  await call('pairs.publish', { runId: run.id });
  await call('reports.sampleHistory', { cohortId: cohort.id, weeks: 12 });
  return { store, handlers, call, cohort };
}
