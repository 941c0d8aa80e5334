import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { reportFixture } from './fixture';

const pdfText = (base64: string) => {
  const path = join(tempDir(), 'report.pdf');
  writeFileSync(path, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describe('best-rated pairs in the progress report', () => {
  it('are named only with both people’s consent; the others are counted', async () => {
    const f = await reportFixture();
    const { pairs } = await f.call('pairs.overview', { cohortId: f.cohort.id });
    const top = Math.max(...pairs.map((p) => p.latestRating?.rating ?? 0));
    const best = pairs.filter((p) => p.latestRating?.rating === top);
    expect(top).toBeGreaterThanOrEqual(4);
    expect(best.length).toBeGreaterThan(1);
    const report = async () => pdfText((await f.call('reports.export', { filter: { cohortId: f.cohort.id }, options: { format: 'pdf', keepSnapshot: false } })).dataBase64);

    const before = await report();
    expect(before).toContain(`${best.length} pairs rated ${top} out of 5 by both sides (not named: no consent to be named in reports is recorded).`);
    for (const p of best) expect(before).not.toContain(`${p.mentee.name} & ${p.mentor.name}`);

    const [agreed] = best;
    expect((await f.call('pairs.setReportConsent', { pairId: agreed!.pairId, namedInReports: true })).namedInReports).toBe(true);
    const after = await report();
    expect(after).toContain(`${best.length} pairs rated ${top} out of 5 by both sides, among them ${agreed!.mentee.name} & ${agreed!.mentor.name} (${best.length - 1} not named: no consent recorded).`);
    for (const p of best.slice(1)) expect(after).not.toContain(`${p.mentee.name} & ${p.mentor.name}`);
  }, 60_000);
});
