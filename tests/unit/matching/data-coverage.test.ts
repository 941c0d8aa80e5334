import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataCoverageWarnings } from '../../../src/core/matching/data-coverage';
import { MatchSettings } from '../../../src/core/matching/settings';
import { matchCohort } from '../../../src/core/matching';
import { runImport } from '../../../src/core/import';
import { listMembers } from '../../../src/core/participants/members';
import { ensureProgramAndCohort } from '../../../src/core/programs/programs';
import { bytes, tempStore } from '../temp';

// A Google Forms export where only the role was recognised: nothing else reaches the engine.
const BARE = ['Full name,Email,Role', ...Array.from({ length: 6 }, (_, i) => `Person ${i},p${i}@example.org,${i < 2 ? 'mentor' : 'mentee'}`)].join('\n');

describe('a rule or weight with no data is never silently inert', () => {
  it('says so for every rule and weight that misses data, with how many people lack it', async () => {
    const store = await tempStore();
    const cohort = ensureProgramAndCohort(store, 'P', 'C');
    await runImport(store, { cohortId: cohort.id, fileName: 'f.csv', bytes: bytes(BARE), skipInvalid: false });
    const members = listMembers(store, cohort.id);
    const settings = MatchSettings.parse({ rules: { timezone: { kind: 'max-offset-diff', hours: 3 } }, criteria: { seniority: { weight: 1 } } });
    const warnings = dataCoverageWarnings(members, settings);
    expect(warnings).toContain('Time-zone rule on (at most 3 h apart), but nobody has a time zone: the rule does nothing.');
    expect(warnings).toContain('Seniority gap weight 15 %, but nobody has years of experience: it adds nothing to any pair.');
    expect(warnings.some((w) => w.startsWith('Topics weight 46 %, but nobody has interests or goals (mentees)'))).toBe(true);
    // The same words reach the run's result (and so the summary, the CLI and the saved run).
    expect(matchCohort(members, settings).warnings).toEqual(expect.arrayContaining(warnings));
  });

  it('counts the people who lack a field when some have it, and stays quiet when everyone has it', async () => {
    const store = await tempStore();
    const cohort = ensureProgramAndCohort(store, 'P', 'C');
    const csv = readFileSync(join(__dirname, '../../../resources/sample-cohort.csv'), 'utf8');
    await runImport(store, { cohortId: cohort.id, fileName: 'sample.csv', bytes: bytes(csv), skipInvalid: false });
    const members = listMembers(store, cohort.id);
    const settings = MatchSettings.parse({ rules: { timezone: { kind: 'max-offset-diff', hours: 3 } } });
    expect(dataCoverageWarnings(members, settings).filter((w) => w.startsWith('Time-zone'))).toEqual([]);
    const someWithout = members.map((m, i) => (i < 3 ? { ...m, timezone: null } : m));
    expect(dataCoverageWarnings(someWithout, settings)).toContain(
      'Time-zone rule on (at most 3 h apart), but 3 people have no time zone: the rule is not applied to them (they may be paired across any time zones).',
    );
  });
});
