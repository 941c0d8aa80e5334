import { describe, expect, it } from 'vitest';
import {
  circularOffsetDiffHours,
  offsetMinutesAt,
  overlapMinutes,
  resolveZone,
  WeekConverter,
} from '../../../src/core/matching/timezones';
import { matchCohort } from '../../../src/core/matching/match-cohort';
import { contentOnly, mentee, mentor, workWeek } from './fixtures';

const diff = (a: string, b: string, date: string) =>
  circularOffsetDiffHours(offsetMinutesAt(resolveZone(a)!, date), offsetMinutesAt(resolveZone(b)!, date));

describe('time-zone offsets', () => {
  it('New York vs London: 5 h in January, 4 h in the March week when only the US is on DST', () => {
    expect(diff('America/New_York', 'Europe/London', '2025-01-13')).toBe(5);
    expect(diff('America/New_York', 'Europe/London', '2025-03-17')).toBe(4);
    expect(diff('America/New_York', 'Europe/London', '2025-04-14')).toBe(5);
  });

  it('is circular: UTC+12 vs UTC−11 is 1 h, Kiritimati (UTC+14) vs Honolulu (UTC−10) is 0 h', () => {
    expect(diff('UTC+12', 'UTC-11', '2025-01-13')).toBe(1);
    expect(diff('Pacific/Kiritimati', 'Pacific/Honolulu', '2025-01-13')).toBe(0);
    expect(diff('Pacific/Kiritimati', 'UTC-11', '2025-01-13')).toBe(1);
  });

  it('accepts fixed offsets with minutes and rejects nonsense', () => {
    expect(offsetMinutesAt(resolveZone('UTC+05:30')!, '2025-01-13')).toBe(330);
    expect(offsetMinutesAt(resolveZone('GMT-3')!, '2025-01-13')).toBe(-180);
    expect(resolveZone('Mars/Olympus')).toBeNull();
    expect(resolveZone(null)).toBeNull();
  });
});

describe('weekly availability overlap (UTC minutes of the start week)', () => {
  const overlapHours = (a: string, b: string, date: string) => {
    const c = new WeekConverter(date);
    return overlapMinutes(c.toUtcWeek(resolveZone(a)!, workWeek()), c.toUtcWeek(resolveZone(b)!, workWeek())) / 60;
  };

  it('Berlin vs New York 9–17 local: 2 h a day in January, 3 h in mid-March (US on DST only)', () => {
    expect(overlapHours('Europe/Berlin', 'America/New_York', '2025-01-13')).toBe(10);
    expect(overlapHours('Europe/Berlin', 'America/New_York', '2025-03-17')).toBe(15);
  });

  it('wraps around the end of the week: Tokyo Monday 08:00 is Sunday 23:00 UTC', () => {
    const c = new WeekConverter('2025-01-13');
    const tokyo = c.toUtcWeek(resolveZone('Asia/Tokyo')!, [{ day: 0, start: 8 * 60, end: 10 * 60 }]);
    const utcSundayLate = c.toUtcWeek(resolveZone('UTC')!, [{ day: 6, start: 23 * 60 + 30, end: 24 * 60 }]);
    const utcMondayEarly = c.toUtcWeek(resolveZone('UTC')!, [{ day: 0, start: 0, end: 60 }]);
    expect(overlapMinutes(tokyo, utcSundayLate)).toBe(30);
    expect(overlapMinutes(tokyo, utcMondayEarly)).toBe(60);
  });

  it('a week with a DST switch shifts only the days after the switch', () => {
    // Europe/Berlin switches on Sunday 2025-03-30: Monday–Saturday stay at UTC+1.
    const c = new WeekConverter('2025-03-24');
    const berlin = c.toUtcWeek(resolveZone('Europe/Berlin')!, [
      { day: 5, start: 600, end: 660 },
      { day: 6, start: 600, end: 660 },
    ]);
    expect(Array.from(berlin)).toEqual([5 * 1440 + 540, 5 * 1440 + 600, 6 * 1440 + 480, 6 * 1440 + 540]);
  });
});

describe('time-zone rules in matching', () => {
  it('max-offset-diff follows DST: a 4 h rule pairs New York with London only in the March gap week', () => {
    const members = [
      mentee('e1', { timezone: 'America/New_York', interests: ['rust'] }),
      mentor('m1', { timezone: 'Europe/London', expertise: ['rust'] }),
    ];
    const rule = { timezone: { kind: 'max-offset-diff', hours: 4 } } as const;
    const jan = matchCohort(members, contentOnly({ startDate: '2025-01-13', rules: rule }));
    const mar = matchCohort(members, contentOnly({ startDate: '2025-03-17', rules: rule }));
    expect(jan.matched).toBe(0);
    expect(jan.unmatched[0]!.reason).toBe('no mentor within 4 h');
    expect(mar.matched).toBe(1);
    expect(mar.assignments[0]!.tzDiffHours).toBe(4);
  });

  it('min-overlap needs shared availability and explains it', () => {
    const members = [
      // Kolkata 9–17 is 03:30–11:30 UTC; Los Angeles 9–17 is 17:00–01:00 UTC: no common hour.
      mentee('e1', { timezone: 'Asia/Kolkata', interests: ['rust'], availability: workWeek() }),
      mentor('m1', { timezone: 'America/Los_Angeles', expertise: ['rust'], availability: workWeek() }),
    ];
    const res = matchCohort(members, contentOnly({ rules: { timezone: { kind: 'min-overlap', hours: 2 } } }));
    expect(res.matched).toBe(0);
    expect(res.unmatched[0]!.reason).toBe('no mentor sharing an availability window of 2 h');
  });
});
