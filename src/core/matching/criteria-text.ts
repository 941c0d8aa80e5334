import type { MatchSettings } from './settings';

/**
 * How each scoring criterion is named and explained to a coordinator: the settings panel, the pair
 * drawer and the exports all read these words from here.
 */
export const CRITERIA_TEXT: Record<keyof MatchSettings['criteria'], { label: string; what: string; short: string }> = {
  content: { label: 'Topics', short: 'topics', what: "how closely a mentee's interests and goals match a mentor's expertise and bio" },
  language: { label: 'Shared language', short: 'shared language', what: 'pairs who share at least one language' },
  seniority: { label: 'Seniority gap', short: 'seniority gap', what: 'mentors 2–15 years more experienced than their mentee' },
  department: { label: 'Department', short: 'department', what: 'pairs from different departments (cross-pollination)' },
  availability: { label: 'Availability overlap', short: 'availability overlap', what: 'hours a week both are free, full marks at 3 h' },
  load: { label: 'Spread load', short: 'spread load', what: "a mentor's first mentee before anyone's second" },
};
