/**
 * Where each dashboard number leads: the list it counts, as a hash route with a query
 * ("#/pairs?health=at-risk"). The Pairs page reads its health filter from the query.
 */
export type HealthFilter = 'on-track' | 'needs-attention' | 'at-risk';

export function pairsLink(health?: HealthFilter): string {
  return health === undefined ? '#/pairs' : `#/pairs?health=${health}`;
}

export const participantsLink = '#/participants';
export const mentorsLink = '#/mentors';
export const goalsLink = '#/goals';
export const feedbackLink = '#/feedback';

/** The health filter in the current hash's query, if it is one the Pairs page knows. */
export function healthFromHash(hash: string = window.location.hash): HealthFilter | '' {
  const query = hash.split('?')[1] ?? '';
  const value = new URLSearchParams(query).get('health');
  return value === 'on-track' || value === 'needs-attention' || value === 'at-risk' ? value : '';
}
