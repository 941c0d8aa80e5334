import type { Store } from '../db/store';
import { fileNamePart } from '../files/names';
import type { ReportFilter } from './contract';
import { reportModel } from './model';
import { reportPdf } from './pdf-report';
import { keepSnapshot } from './snapshots';
import { reportCsv, reportXlsx } from './tables';

export interface ReportRequest {
  format: 'pdf' | 'xlsx' | 'csv';
  organisation: string;
  includeNames: boolean;
  leaderboard: boolean;
  keepSnapshot: boolean;
}

const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const;

/**
 * The progress report as a file, the same bytes for the app, the web bridge and the CLI. The report's
 * summary figures are kept (report_snapshots) after the file is made, so the next report shows the change.
 */
export async function makeReport(store: Store, filter: ReportFilter, request: ReportRequest, now: Date, fontsDir: string): Promise<{ fileName: string; mimeType: string; bytes: Uint8Array }> {
  const model = reportModel(store, filter, request, now);
  const bytes = request.format === 'pdf' ? await reportPdf(model, fontsDir) : request.format === 'xlsx' ? await reportXlsx(model) : reportCsv(model);
  if (request.keepSnapshot) keepSnapshot(store, filter.cohortId, { madeAt: model.madeAt, from: filter.from ?? null, to: filter.to ?? null, figures: model.figures });
  const d = model.dashboard;
  const name = `progress-${fileNamePart(d.cohort.programName, 'program')}-${fileNamePart(d.cohort.name, 'cohort')}-${model.madeAt.slice(0, 10)}.${request.format}`;
  return { fileName: name, mimeType: MIME[request.format], bytes };
}
