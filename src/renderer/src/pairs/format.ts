import type { MethodOutput } from '../api/client';

export type PairHealth = MethodOutput<'pairs.overview'>['pairs'][number];
export type Session = MethodOutput<'sessions.list'>[number];
export type Health = PairHealth['health'];

export const HEALTH_LABEL: Record<Health, string> = { 'on-track': 'On track', 'needs-attention': 'Needs attention', 'at-risk': 'At risk' };
export const HEALTH_COLOR = { 'on-track': 'success', 'needs-attention': 'warning', 'at-risk': 'error' } as const;
/** Worst first, for sorting. */
export const HEALTH_RANK: Record<Health, number> = { 'at-risk': 0, 'needs-attention': 1, 'on-track': 2 };

/** "2027-03-14T09:00" with its weekday: "Sun 2027-03-14 09:00". */
export function localText(side: Session['mentor']): string {
  if (side.local === null) return 'no time zone';
  return `${side.weekday} ${side.local.replace('T', ' ')} (UTC${side.utcOffset})`;
}

/** The date of an instant, as stored (UTC): "2027-03-01". */
export const dateOf = (iso: string | null): string => (iso === null ? '—' : iso.slice(0, 10));

export const FORMAT_LABEL = { video: 'Video', 'in-person': 'In person', phone: 'Phone' } as const;
export const STATUS_LABEL = { planned: 'Planned', held: 'Held', cancelled: 'Cancelled', 'no-show': 'No-show' } as const;
