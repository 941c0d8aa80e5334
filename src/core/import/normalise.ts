import type { AvailabilityWindow, Role } from '../domain/participant';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

// Deliberately simple: one @, a dot in the domain, no spaces. Real validation is the intro email.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export function normaliseEmail(raw: string): Parsed<string> {
  // Forms sometimes export "Ana Ruiz <ana@x.org>" or "mailto:ana@x.org".
  let text = raw.trim().replace(/^mailto:/i, '');
  const angled = /<([^>]+)>/.exec(text);
  if (angled) text = angled[1]!.trim();
  text = text.toLowerCase();
  if (text === '') return fail('email is required');
  return EMAIL.test(text) ? ok(text) : fail('not a valid email address');
}

export function normaliseRole(raw: string): Parsed<Role> {
  const text = raw.trim().toLowerCase().replace(/[^a-z]+/g, ' ');
  const mentee = /\bmentee\b/.test(text);
  const mentor = /\bmentor\b/.test(text);
  if (mentee && !mentor) return ok('mentee');
  if (mentor && !mentee) return ok('mentor');
  if (text.trim() === '') return fail('role is required: "mentor" or "mentee"');
  return fail('expected "mentor" or "mentee"');
}

/** "English; Spanish", "Go, Rust", multi-line answers: split, trim, drop duplicates (case-insensitive). */
export function parseList(raw: string): string[] {
  // Cells repeat across rows ("English; Spanish"): a remembered answer is copied (the strings are shared).
  if (raw.length <= LIST_MEMO_LENGTH) {
    const known = listMemo.get(raw);
    if (known) return known.slice();
    const items = parseListUncached(raw);
    if (listMemo.size >= 5000) listMemo.clear();
    listMemo.set(ownCopy(raw), items);
    return items.slice();
  }
  return parseListUncached(raw);
}

/**
 * A copy of `text` that does not point into the string it was cut from: a memo key that is a slice would
 * keep the whole file's text alive after the import. (Joining makes a new flat string; the slice after
 * it points into that copy only.)
 */
const ownCopy = (text: string): string => ` ${text}`.slice(1);

/** Lists up to the longest list cell the import takes (CELL_LIMITS) are remembered. */
const LIST_MEMO_LENGTH = 500;
const listMemo = new Map<string, readonly string[]>();

function parseListUncached(raw: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  // Runs of white space are collapsed only when the cell has some to collapse (another kind than a space, or
  // two spaces): one test of the cell instead of a replace per item (a 500-character cell has ~60 items).
  const collapse = /[^\S ]| {2}/.test(raw);
  for (const part of raw.split(/[;,|\n\r]+/)) {
    const item = collapse ? part.trim().replace(/\s+/g, ' ') : part.trim();
    const key = item.toLowerCase();
    if (item === '' || seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

/** Accepts "5", "5.5", "5,5", "5 years", "10+". Blank means "not given". */
export function parseNumber(raw: string, { integer = false, min = 0, max = Number.MAX_SAFE_INTEGER } = {}): Parsed<number | null> {
  const text = raw.trim();
  if (text === '') return ok(null);
  const match = /^(-?\d+(?:[.,]\d+)?)\s*(\+|years?|yrs?|mentees?)?\.?$/i.exec(text);
  if (!match) return fail('not a number');
  const value = Number(match[1]!.replace(',', '.'));
  if (integer && !Number.isInteger(value)) return fail('must be a whole number');
  if (value < min) return fail(`must be at least ${min}`);
  if (value > max) return fail(`must be at most ${max}`);
  return ok(value);
}

const DAY_NAMES: [RegExp, number][] = [
  [/^mo(n(day)?)?$/, 0],
  [/^tu(e(s(day)?)?)?$/, 1],
  [/^we(d(nesday)?)?$/, 2],
  [/^th(u(r(s(day)?)?)?)?$/, 3],
  [/^fr(i(day)?)?$/, 4],
  [/^sa(t(urday)?)?$/, 5],
  [/^su(n(day)?)?$/, 6],
];

function dayIndex(word: string): number | undefined {
  return DAY_NAMES.find(([pattern]) => pattern.test(word))?.[1];
}

/**
 * A cohort writes a handful of distinct day texts and clock times ("Mon", "weekdays", "18:00") across
 * thousands of cells: both are remembered (a few thousand at most; the results are never changed).
 */
function remembered<T>(parse: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    if (memo.has(text)) return memo.get(text)!;
    const value = parse(text);
    if (memo.size >= 5000) memo.clear();
    memo.set(text, value);
    return value;
  };
}

const parseDays = remembered((text: string): readonly number[] | undefined => parseDaysUncached(text));

function parseDaysUncached(text: string): number[] | undefined {
  const words = text.toLowerCase().trim();
  if (/^(daily|every ?day|all week)$/.test(words)) return [0, 1, 2, 3, 4, 5, 6];
  if (/^week ?days?$/.test(words)) return [0, 1, 2, 3, 4];
  if (/^week ?ends?$/.test(words)) return [5, 6];
  const days: number[] = [];
  for (const part of words.split(/[\s,/&+]+|\band\b/).filter(Boolean)) {
    const range = /^([a-z]+)-([a-z]+)$/.exec(part);
    if (range) {
      const from = dayIndex(range[1]!);
      const to = dayIndex(range[2]!);
      if (from === undefined || to === undefined) return undefined;
      for (let d = from; ; d = (d + 1) % 7) {
        days.push(d);
        if (d === to) break;
      }
      continue;
    }
    const day = dayIndex(part);
    if (day === undefined) return undefined;
    days.push(day);
  }
  return days.length > 0 ? days : undefined;
}

const parseClock = remembered((text: string): number | undefined => parseClockUncached(text));

function parseClockUncached(text: string): number | undefined {
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

/**
 * The windows of an availability cell. Commas separate windows as semicolons and line breaks do
 * ("Tue 08:00-09:30, Thu 08:00-09:30", as every other list), but a piece without a time is a day that
 * continues into the next piece ("Mon, Wed 18:00-19:00" is one window on two days).
 */
function availabilitySegments(raw: string): string[] {
  // One pass over the cell, as raw.split(/[;,\n\r]+/).map((s) => s.trim()).filter(Boolean) and /\d/ on each piece
  // would give (a cell at its limit is ~60 pieces: the split, trims and tests were a third of its parse).
  const segments: string[] = [];
  let days = '';
  for (let at = 0; at <= raw.length; ) {
    let end = at;
    let digit = false;
    for (; end < raw.length; end++) {
      const c = raw.charCodeAt(end);
      if (c === 59 || c === 44 || c === 10 || c === 13) break; // ; , \n \r
      if (c >= 48 && c <= 57) digit = true;
    }
    let from = at;
    let to = end;
    while (from < to && isTrimmed(raw.charCodeAt(from))) from++;
    while (to > from && isTrimmed(raw.charCodeAt(to - 1))) to--;
    at = end + 1;
    if (from === to) continue;
    const piece = raw.slice(from, to);
    if (!digit) {
      days = days ? `${days}, ${piece}` : piece;
      continue;
    }
    segments.push(days ? `${days}, ${piece}` : piece);
    days = '';
  }
  if (days) segments.push(days);
  return segments;
}

/** The characters String.prototype.trim removes (white space and line terminators; a test compares every code unit). */
export function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Two times and what joins them, from the segment's first digit to its end: "18:00-20:00", "9am to 11am". */
const TIME_RANGE = /^(\d{1,2}(?::\d{2})?\s?(?:am|pm)?)\s?[-–to]+\s?(\d{1,2}(?::\d{2})?\s?(?:am|pm)?)$/i;

/** A piece of a cell, as a problem quotes it: long ones shortened. */
const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;

/**
 * Weekly availability in local time: "Mon 18:00-20:00; Wed-Fri 9am-11am; weekends 10-12".
 * A window past midnight ("Fri 22:00-01:00") continues on the next day.
 * Linear in the cell's length: the days are what comes before a segment's first digit (day names
 * have none), and the times are matched from there with one anchored pattern of bounded repeats.
 */
export function parseAvailability(raw: string): Parsed<AvailabilityWindow[]> {
  const windows: AvailabilityWindow[] = [];
  for (const segment of availabilitySegments(raw)) {
    const parsed = segment.length <= SEGMENT_MEMO_LENGTH ? parseSegmentRemembered(segment) : parseSegment(segment);
    if (!parsed.ok) return fail(parsed.error);
    // Remembered windows are frozen and shared between cells: 10,000 rows of a hundred windows each would
    // otherwise be a million objects for the garbage collector to copy while the import holds them.
    for (const w of parsed.value) windows.push(w);
  }
  return ok(windows);
}

/** The windows of one segment ("Wed-Fri 9am-11am"), or why it is not one. */
function parseSegment(segment: string): Parsed<readonly AvailabilityWindow[]> {
  const windows: AvailabilityWindow[] = [];
  const compact = segment.replace(/\s+/g, ' ');
  const firstDigit = compact.search(/\d/);
  const match = firstDigit < 0 ? null : TIME_RANGE.exec(compact.slice(firstDigit));
  if (!match) return fail(`${quote(segment)} is not like "Mon 18:00-20:00"`);
  const dayText = compact.slice(0, firstDigit).trim();
  const days = parseDays(dayText);
  if (!days) return fail(`${quote(dayText)} is not a day or range of days (Mon, Tue-Thu, weekdays)`);
  const start = parseClock(match[1]!);
  const end = parseClock(match[2]!);
  if (start === undefined || end === undefined) return fail(`${quote(segment)} has a time that is not like 18:00 or 6pm`);
  if (start === end) return fail(`${quote(segment)} is an empty window`);
  for (const day of days) {
    if (end > start) {
      windows.push({ day, start, end });
    } else {
      if (start < 1440) windows.push({ day, start, end: 1440 });
      if (end > 0) windows.push({ day: (day + 1) % 7, start: 0, end });
    }
  }
  return ok(windows);
}

/**
 * Segments are remembered as days and clock times are: a cohort's cells repeat a few hundred windows
 * ("Wed 18:00-20:00") across 10,000 rows. Only short ones, each kept as a copy of its own (a slice would
 * keep the whole file's text alive in the memo after the import).
 */
const SEGMENT_MEMO_LENGTH = 60;
const segmentMemo = new Map<string, readonly AvailabilityWindow[]>();
function parseSegmentRemembered(segment: string): Parsed<readonly AvailabilityWindow[]> {
  const known = segmentMemo.get(segment);
  if (known) return ok(known);
  const parsed = parseSegment(segment);
  // Windows only: a problem's message quotes a slice of the cell.
  if (parsed.ok) {
    if (segmentMemo.size >= 5000) segmentMemo.clear();
    const windows = parsed.value.map((w) => Object.freeze(w));
    segmentMemo.set(ownCopy(segment), windows);
    return ok(windows);
  }
  return parsed;
}
