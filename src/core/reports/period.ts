import type { Dashboard } from './contract';

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
