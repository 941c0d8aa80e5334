import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import type { pairsContract } from './contract';
import { closeCohort, closePair, cohortSummary } from './close';
import { overviewAnswer } from './overview-answer';
import { pairsOverview, setPairCadence } from './overview';
import { activePairs, dissolvedPairs, dissolvePair, listPublications, publishRun, setReportConsent } from './publish';

export function pairsHandlers({ store, now }: CoreContext): SliceHandlers<typeof pairsContract> {
  return {
    'pairs.publish': (input) => publishRun(store, input.runId, now()),
    'pairs.publications': (input) => listPublications(store, input.cohortId),
    'pairs.active': (input) => activePairs(store, input.cohortId),
    'pairs.dissolved': (input) => dissolvedPairs(store, input.cohortId),
    'pairs.dissolve': (input) => dissolvePair(store, input.pairId, now()),
    'pairs.close': (input) => closePair(store, input.pairId, input.outcome, input.reason, now()),
    'pairs.closeCohort': (input) => closeCohort(store, input.cohortId, now()),
    'pairs.cohortSummary': (input) => cohortSummary(store, input.cohortId),
    'pairs.overview': (input) => overviewAnswer(pairsOverview(store, input.cohortId, input.asOf === undefined ? now() : new Date(input.asOf)), input.worstFirst),
    'pairs.setCadence': (input) => setPairCadence(store, input.pairId, input.cadenceDays),
    'pairs.setReportConsent': (input) => setReportConsent(store, input.pairId, input.namedInReports),
  };
}
