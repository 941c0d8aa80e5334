import type { Settings } from './types';

// Mirrors MatchSettings.parse({}) in core (the renderer may import only types); the unit test
// "matching defaults agree" keeps the two equal.
export const DEFAULT_SETTINGS: Settings = {
  mode: 'max-score',
  criteria: {
    content: { enabled: true, weight: 3 },
    language: { enabled: true, weight: 1 },
    seniority: { enabled: true, weight: 1, minYears: 2, maxYears: 15, toleranceYears: 3 },
    department: { enabled: true, weight: 0.5, prefer: 'prefer-different' },
    availability: { enabled: true, weight: 1, targetHours: 3 },
    load: { enabled: true, weight: 0.25 },
  },
  rules: {
    requireApprovedMentors: false,
    requireApprovedMentees: false,
    excludeRejected: true,
    timezone: { kind: 'none' },
    unknownTimezone: 'allow',
    excludeSameTeam: true,
    excludeReportingLine: true,
    requireSharedLanguage: false,
  },
  startDate: null,
  forbiddenPairs: [],
  earlierPairs: [],
  lockedPairs: [],
  capacityOverrides: {},
  mentorAttributeCaps: [],
  minCrossDepartmentShare: null,
  mipTimeLimitSeconds: 60,
};

export const CRITERIA_TEXT: Record<keyof Settings['criteria'], { label: string; what: string }> = {
  content: { label: 'Topics', what: "how closely a mentee's interests and goals match a mentor's expertise and bio" },
  language: { label: 'Shared language', what: 'pairs who share at least one language' },
  seniority: { label: 'Seniority gap', what: 'mentors 2–15 years more experienced than their mentee' },
  department: { label: 'Department', what: 'pairs from different departments (cross-pollination)' },
  availability: { label: 'Availability overlap', what: 'hours a week both are free, full marks at 3 h' },
  load: { label: 'Spread load', what: "a mentor's first mentee before anyone's second" },
};
