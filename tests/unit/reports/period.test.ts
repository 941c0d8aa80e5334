import { describe, expect, it } from 'vitest';
import { periodText } from '../../../src/core/reports/period';

const cohort = (startDate: string | null) => ({ id: 'c', name: 'Spring', programId: 'p', programName: 'P', startDate });

describe('the report period in words', () => {
  it('runs from the chosen start, else the cohort start, to the chosen end or the figures’ moment', () => {
    expect(periodText({ from: '2027-02-01', to: '2027-03-31', asOf: '2027-04-05T12:00:00Z', cohort: cohort('2027-01-11') })).toBe('1 Feb 2027 – 31 Mar 2027');
    expect(periodText({ from: null, to: null, asOf: '2027-04-05T12:00:00Z', cohort: cohort('2027-01-11') })).toBe('11 Jan 2027 – 5 Apr 2027');
    expect(periodText({ from: null, to: null, asOf: '2027-04-05T12:00:00Z', cohort: cohort(null) })).toBe('Up to 5 Apr 2027');
  });

  it('never ends before it begins: a cohort whose planned start is still ahead reads "Up to …"', () => {
    expect(periodText({ from: null, to: null, asOf: '2026-11-30T12:00:00Z', cohort: cohort('2027-01-11') })).toBe('Up to 30 Nov 2026');
  });
});
