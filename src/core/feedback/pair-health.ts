import type { LatestRating } from './pair-ratings';

type Health = 'on-track' | 'needs-attention' | 'at-risk';

/**
 * Pair feedback's part of the health rule, applied after the sessions' part: a pair whose latest rating
 * of the match is below the program's threshold is at risk, whatever its sessions say, and the rule
 * says so in words.
 */
export function withRatingRule<H extends { health: Health; rule: string }>(health: H, latest: LatestRating | null, threshold: number): H {
  if (!latest || latest.rating >= threshold) return health;
  const rated = `${latest.side} rated the match ${latest.rating}/5 on ${latest.ratedAt.slice(0, 10)}, below ${threshold}`;
  return { ...health, health: 'at-risk', rule: health.health === 'at-risk' ? `${health.rule}; ${rated}` : rated };
}
