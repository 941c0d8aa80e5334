import { join } from 'node:path';
import type { CoreContext } from '../api/context';
import type { SliceHandlers } from '../api/slice';
import { fileNamePart } from '../files/names';
import { certificateList, certificatesPdf } from './certificates';
import { loadCohortData } from './cohort-data';
import type { reportsContract } from './contract';
import { cohortDashboard } from './dashboard';
import { cohortBadges } from './earned';
import { makeReport } from './export';
import { generateSampleHistory } from './sample-history';

export function reportsHandlers({ store, now, resourcesDir }: CoreContext): SliceHandlers<typeof reportsContract> {
  const fontsDir = join(resourcesDir, 'fonts');
  return {
    'reports.dashboard': (filter) => cohortDashboard(store, filter, now()),
    'reports.export': async ({ filter, options }) => {
      const file = await makeReport(store, filter, options, now(), fontsDir);
      return { fileName: file.fileName, mimeType: file.mimeType, dataBase64: Buffer.from(file.bytes).toString('base64') };
    },
    'reports.certificates': async (input) => {
      const list = certificateList(store, input.cohortId, now(), input.memberId);
      const bytes = await certificatesPdf(list, { organisation: input.organisation, signatory: input.signatory, date: now(), fontsDir });
      const who = input.memberId === undefined ? list.cohort : list.people[0]!.name;
      return { fileName: `certificates-${fileNamePart(who, 'cohort')}.pdf`, mimeType: 'application/pdf', dataBase64: Buffer.from(bytes).toString('base64'), pages: list.people.length };
    },
    'reports.sampleHistory': (input) => generateSampleHistory(store, input.cohortId, now(), input.weeks),
    'reports.badges': (input) => {
      const at = now();
      const badges = cohortBadges(store, loadCohortData(store, input.cohortId, at), at);
      return input.memberId === undefined ? badges : badges.filter((b) => b.memberId === input.memberId);
    },
  };
}
