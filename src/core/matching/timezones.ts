import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import type { AvailabilityWindow } from '../domain/participant';

export const MINUTES_PER_WEEK = 7 * 24 * 60;
const MINUTES_PER_DAY = 24 * 60;

/** Accepts IANA names ("Europe/Berlin") and fixed offsets ("UTC+05:30", "GMT-3"); null when unusable. */
const zoneCache = new Map<string, Zone | null>();

export function resolveZone(name: string | null | undefined): Zone | null {
  if (!name) return null;
  // IANAZone.isValidZone builds an Intl formatter per call: far too slow for 10k members.
  const hit = zoneCache.get(name);
  if (hit !== undefined) return hit;
  const zone = resolveUncached(name);
  zoneCache.set(name, zone);
  return zone;
}

function resolveUncached(name: string): Zone | null {
  const trimmed = name.trim();
  if (IANAZone.isValidZone(trimmed)) return IANAZone.create(trimmed);
  const spec = trimmed.toUpperCase().replace(/^GMT/, 'UTC');
  if (spec === 'UTC' || spec === 'Z') return FixedOffsetZone.utcInstance;
  const fixed = FixedOffsetZone.parseSpecifier(spec);
  return fixed && fixed.isValid ? fixed : null;
}

/** The instant we read offsets at: noon UTC of the start date, away from most DST switch hours. */
function referenceInstant(startDate: string): number {
  const d = DateTime.fromISO(startDate, { zone: 'utc' });
  if (!d.isValid) throw new Error(`invalid start date "${startDate}"`);
  return d.set({ hour: 12 }).toMillis();
}

const offsetCache = new Map<string, number>();

/** UTC offset in minutes of `zone` at the cohort start date (DST-aware). Memoised: luxon is slow here. */
export function offsetMinutesAt(zone: Zone, startDate: string): number {
  const key = `${zone.name}|${startDate}`;
  let v = offsetCache.get(key);
  if (v === undefined) {
    v = zone.offset(referenceInstant(startDate));
    offsetCache.set(key, v);
  }
  return v;
}

/** Circular difference of two UTC offsets in hours: UTC+12 vs UTC−11 is 1 h, not 23 h. */
export function circularOffsetDiffHours(aMinutes: number, bMinutes: number): number {
  const d = (((aMinutes - bMinutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return Math.min(d, MINUTES_PER_DAY - d) / 60;
}

/**
 * Sorted, disjoint intervals [start, end) of UTC minutes-of-week, flattened as
 * [s0, e0, s1, e1, ...]. Minute 0 is Monday 00:00 UTC of the cohort's start week.
 */
export type WeekIntervals = Int32Array;

/**
 * Converts local weekly windows to UTC minutes-of-week in the start date's week. Each window
 * boundary is converted on its own actual calendar day, so a week in which DST starts on Sunday
 * shifts only Sunday's windows. Conversions are memoised per zone because cohorts share a few zones
 * and windows.
 */
export class WeekConverter {
  private readonly mondayIso: string;
  private readonly refUtcMs: number;
  private readonly cache = new Map<string, number>();
  private readonly dayCache = new Map<string, DateTime>();

  constructor(startDate: string) {
    const d = DateTime.fromISO(startDate, { zone: 'utc' });
    if (!d.isValid) throw new Error(`invalid start date "${startDate}"`);
    const monday = d.minus({ days: d.weekday - 1 }).startOf('day');
    this.mondayIso = monday.toISODate() ?? startDate;
    this.refUtcMs = monday.toMillis();
  }

  /** Absolute minutes since Monday 00:00 UTC for local (day, minute) in `zone`. */
  private instant(zone: Zone, day: number, minute: number): number {
    const key = `${zone.name}|${day}|${minute}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const local = this.localDay(zone, day + Math.floor(minute / MINUTES_PER_DAY)).set({
      hour: Math.floor((minute % MINUTES_PER_DAY) / 60),
      minute: minute % 60,
    });
    const v = Math.round((local.toMillis() - this.refUtcMs) / 60_000);
    this.cache.set(key, v);
    return v;
  }

  /** Local midnight of day `days` of the week in `zone`: memoised, as parsing and date math dominate a conversion. */
  private localDay(zone: Zone, days: number): DateTime {
    const key = `${zone.name}|${days}`;
    let d = this.dayCache.get(key);
    if (d === undefined) {
      d = DateTime.fromISO(this.mondayIso, { zone }).plus({ days });
      this.dayCache.set(key, d);
    }
    return d;
  }

  toUtcWeek(zone: Zone, windows: readonly AvailabilityWindow[]): WeekIntervals {
    const raw: [number, number][] = [];
    for (const w of windows) {
      if (w.end <= w.start) continue;
      const a = this.instant(zone, w.day, w.start);
      const b = this.instant(zone, w.day, w.end);
      const len = Math.min(b - a, MINUTES_PER_WEEK);
      if (len <= 0) continue;
      const s = ((a % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
      // Windows crossing the end of the UTC week wrap around to its start (the week is a circle).
      if (s + len <= MINUTES_PER_WEEK) raw.push([s, s + len]);
      else {
        raw.push([s, MINUTES_PER_WEEK]);
        raw.push([0, s + len - MINUTES_PER_WEEK]);
      }
    }
    return mergeIntervals(raw);
  }
}

function mergeIntervals(raw: [number, number][]): WeekIntervals {
  raw.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: number[] = [];
  for (const [s, e] of raw) {
    const n = out.length;
    if (n > 0 && s <= out[n - 1]!) out[n - 1] = Math.max(out[n - 1]!, e);
    else out.push(s, e);
  }
  return Int32Array.from(out);
}

/** Overlap in minutes of two interval sets (both already on the same UTC week circle). */
export function overlapMinutes(a: WeekIntervals, b: WeekIntervals): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]!, b[j]!);
    const e = Math.min(a[i + 1]!, b[j + 1]!);
    if (e > s) total += e - s;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return total;
}
