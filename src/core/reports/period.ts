import type { Dashboard } from './contract';

const DAY = 86_400_000;

/** The start (00:00 UTC, in ms) of the Monday on or before an instant: the reports' weeks begin there. */
export function mondayOf(ms: number): number {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - day * DAY;
}

/** 14 Mar 2027, from an ISO day or instant (UTC). */
export function dayText(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/**
 * "1 Feb 2027 – 31 Mar 2027", or from the cohort's start when the period has no start. A cohort whose
 * planned start is still ahead (pairs already meeting) gives "Up to …", never a period that ends before it begins.
 */
export function periodText(d: Pick<Dashboard, 'from' | 'to' | 'asOf' | 'cohort'>): string {
  const start = d.from ?? d.cohort.startDate;
  const end = d.to ?? d.asOf;
  return start === null || start.slice(0, 10) > end.slice(0, 10) ? `Up to ${dayText(end)}` : `${dayText(start)} – ${dayText(end)}`;
}
