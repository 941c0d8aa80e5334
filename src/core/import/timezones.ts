import { CELL_LIMITS, TIMEZONE_SUGGESTION_MAX } from './limits';

/**
 * Turns whatever a registration form collected as a "time zone" into an IANA name (DST-aware) or, when
 * only an offset was given, a fixed offset written "UTC+05:30". Ambiguous abbreviations are refused
 * with the candidates, unknown input with the closest suggestion, because a wrong zone silently
 * breaks the matching's time-zone rules.
 */
export type TimeZoneResult = { ok: true; value: string } | { ok: false; error: string };

/** Abbreviations that name one zone in practice; the mapped zone carries the DST rules. */
const UNAMBIGUOUS_ABBREVIATIONS: Record<string, string> = {
  UTC: 'UTC', GMT: 'UTC', Z: 'UTC', UT: 'UTC',
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', PT: 'America/Los_Angeles',
  MDT: 'America/Denver', CDT: 'America/Chicago', CT: 'America/Chicago',
  EST: 'America/New_York', EDT: 'America/New_York', ET: 'America/New_York',
  AKST: 'America/Anchorage', AKDT: 'America/Anchorage', HST: 'Pacific/Honolulu',
  NST: 'America/St_Johns', NDT: 'America/St_Johns',
  WET: 'Europe/Lisbon', WEST: 'Europe/Lisbon', CET: 'Europe/Paris', CEST: 'Europe/Paris',
  EET: 'Europe/Athens', EEST: 'Europe/Athens', MSK: 'Europe/Moscow',
  SAST: 'Africa/Johannesburg', EAT: 'Africa/Nairobi', WAT: 'Africa/Lagos', CAT: 'Africa/Maputo',
  PKT: 'Asia/Karachi', NPT: 'Asia/Kathmandu', ICT: 'Asia/Bangkok', WIB: 'Asia/Jakarta',
  SGT: 'Asia/Singapore', HKT: 'Asia/Hong_Kong', PHT: 'Asia/Manila', JST: 'Asia/Tokyo', KST: 'Asia/Seoul',
  AWST: 'Australia/Perth', ACST: 'Australia/Adelaide', ACDT: 'Australia/Adelaide',
  AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney', NZST: 'Pacific/Auckland', NZDT: 'Pacific/Auckland',
  BRT: 'America/Sao_Paulo', ART: 'America/Argentina/Buenos_Aires',
};

/** Abbreviations that mean different zones to different people: refuse and list the candidates. */
const AMBIGUOUS_ABBREVIATIONS: Record<string, string[]> = {
  IST: ['Asia/Kolkata (India)', 'Europe/Dublin (Ireland)', 'Asia/Jerusalem (Israel)'],
  CST: ['America/Chicago (US Central)', 'Asia/Shanghai (China)', 'America/Havana (Cuba)'],
  BST: ['Europe/London (British Summer Time)', 'Asia/Dhaka (Bangladesh)'],
  AST: ['America/Halifax (Atlantic)', 'Asia/Riyadh (Arabia)'],
  MST: ['America/Denver (US Mountain, with DST)', 'America/Phoenix (Arizona, no DST)'],
  GST: ['Asia/Dubai (Gulf)', 'Atlantic/South_Georgia (South Georgia)'],
  SST: ['Pacific/Pago_Pago (Samoa)', 'Asia/Singapore (Singapore)'],
  ECT: ['America/Guayaquil (Ecuador)', 'Europe/Paris (European Central)'],
};

/** Current names that older ICU data lists under a former name; accepted as typed. */
const MODERN_ALIASES = [
  'Asia/Kolkata', 'Europe/Kyiv', 'America/Argentina/Buenos_Aires', 'Asia/Ho_Chi_Minh', 'Asia/Kathmandu',
  'Asia/Yangon', 'America/Nuuk', 'Atlantic/Faroe', 'Pacific/Kanton', 'Pacific/Chuuk', 'Pacific/Pohnpei',
];

let knownZones: Map<string, string> | undefined;
let cities: Map<string, string[]> | undefined;

function zoneIndex(): { byLowerName: Map<string, string>; byCity: Map<string, string[]> } {
  if (!knownZones || !cities) {
    knownZones = new Map();
    cities = new Map();
    for (const zone of [...Intl.supportedValuesOf('timeZone'), ...MODERN_ALIASES, 'UTC']) {
      knownZones.set(zone.toLowerCase(), zone);
      const city = zone.split('/').pop()!.replaceAll('_', ' ').toLowerCase();
      if (zone.includes('/')) cities.set(city, [...(cities.get(city) ?? []), zone]);
    }
  }
  return { byLowerName: knownZones, byCity: cities };
}

function isValidIana(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const OFFSET = /^(?:utc|gmt)?\s*([+\-−–])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$/i;

/** "+5:30", "UTC-3", "GMT+02:00", "−0700" → "UTC+05:30"; undefined when it is not an offset. */
export function parseOffset(text: string): TimeZoneResult | undefined {
  const match = OFFSET.exec(text.replace(/\s+/g, ' ').trim());
  if (!match) return undefined;
  const sign = match[1] === '+' ? '+' : '-';
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  const total = (sign === '+' ? 1 : -1) * (hours * 60 + minutes);
  if (minutes >= 60 || total < -12 * 60 || total > 14 * 60) {
    return { ok: false, error: 'offset is outside UTC-12:00 … UTC+14:00' };
  }
  if (total === 0) return { ok: true, value: 'UTC' };
  const pad = (n: number) => n.toString().padStart(2, '0');
  return { ok: true, value: `UTC${sign}${pad(hours)}:${pad(minutes)}` };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function suggest(text: string): string | undefined {
  const needle = text.toLowerCase().replaceAll('_', ' ');
  // The distance costs the answer's length times each of ~600 names: a long answer is no misspelt zone.
  if (needle.length > TIMEZONE_SUGGESTION_MAX) return undefined;
  const { byLowerName, byCity } = zoneIndex();
  let best: { name: string; distance: number } | undefined;
  const consider = (candidate: string, name: string) => {
    const distance = editDistance(needle, candidate);
    if (!best || distance < best.distance) best = { name, distance };
  };
  for (const [city, zones] of byCity) consider(city, zones[0]!);
  for (const [lower, zone] of byLowerName) consider(lower.replaceAll('_', ' '), zone);
  for (const abbreviation of Object.keys(UNAMBIGUOUS_ABBREVIATIONS)) consider(abbreviation.toLowerCase(), abbreviation);
  // A suggestion that shares little with the input helps nobody.
  return best && best.distance <= Math.max(2, Math.floor(needle.length / 3)) ? best.name : undefined;
}

function fromCityList(text: string): string | undefined {
  const { byCity } = zoneIndex();
  for (const part of text.split(/[,/;]| and /)) {
    const zones = byCity.get(part.trim().toLowerCase());
    if (zones?.length === 1) return zones[0];
  }
  return undefined;
}

const NAMED_REGIONS: [RegExp, string][] = [
  [/\beastern\b.*\b(us|time|canada)\b/i, 'America/New_York'],
  [/\bcentral\b.*\b(us|time|canada)\b/i, 'America/Chicago'],
  [/\bmountain\b.*\b(us|time|canada)\b/i, 'America/Denver'],
  [/\bpacific\b(?!\/).*\b(us|time|canada)\b/i, 'America/Los_Angeles'],
  [/\barizona\b/i, 'America/Phoenix'],
  [/\balaska\b/i, 'America/Anchorage'],
  [/\bhawaii\b/i, 'Pacific/Honolulu'],
];

const memo = new Map<string, TimeZoneResult>();

/** Memoised: a cohort has a few dozen distinct answers across thousands of rows. */
export function normaliseTimeZone(raw: string): TimeZoneResult {
  // An answer too long to be a zone is answered at once and not kept: the memo holds short texts only.
  if (raw.length > 2 * CELL_LIMITS.timezone) return normaliseUncached(raw);
  let result = memo.get(raw);
  if (!result) {
    result = normaliseUncached(raw);
    if (memo.size > 10_000) memo.clear();
    memo.set(raw, result);
  }
  return result;
}

function normaliseUncached(raw: string): TimeZoneResult {
  const text = raw.trim();
  if (text === '') return { ok: false, error: 'time zone is empty' };
  // The import refuses longer cells before they get here; other callers get the same answer, at once.
  if (text.length > CELL_LIMITS.timezone) return { ok: false, error: `unknown time zone: longer than ${CELL_LIMITS.timezone} characters` };

  const abbreviation = text.toUpperCase();
  const ambiguous = AMBIGUOUS_ABBREVIATIONS[abbreviation];
  if (ambiguous) {
    return { ok: false, error: `"${text}" is ambiguous: write one of ${ambiguous.join(', ')} or an offset like UTC+05:30` };
  }
  const mapped = UNAMBIGUOUS_ABBREVIATIONS[abbreviation];
  if (mapped) return { ok: true, value: mapped };

  const offset = parseOffset(text);
  if (offset) return offset;

  const { byLowerName, byCity } = zoneIndex();
  const known = byLowerName.get(text.toLowerCase());
  if (known) return { ok: true, value: isValidIana(text) && text === known ? text : known };

  // "(GMT-05:00) Eastern Time (US & Canada)" and "(UTC+01:00) Amsterdam, Berlin, Bern": the form's
  // region name keeps DST rules that the bare offset would lose.
  const labelled = /^\(?\s*((?:utc|gmt)\s*[+\-−–]\s*\d{1,2}(?::?\d{2})?)\s*\)?\s*(.*)$/i.exec(text);
  if (labelled) {
    const label = labelled[2] ?? '';
    const region = NAMED_REGIONS.find(([pattern]) => pattern.test(label))?.[1] ?? fromCityList(label);
    if (region) return { ok: true, value: region };
    const bare = parseOffset(labelled[1]!);
    if (bare) return bare;
  }
  for (const [pattern, zone] of NAMED_REGIONS) if (pattern.test(text)) return { ok: true, value: zone };

  const cityZones = byCity.get(text.toLowerCase().replaceAll('_', ' '));
  if (cityZones?.length === 1) return { ok: true, value: cityZones[0]! };

  const suggestion = suggest(text);
  return {
    ok: false,
    error: `unknown time zone${suggestion ? `; did you mean "${suggestion}"?` : '; use an IANA name like "Europe/Berlin" or an offset like "UTC+02:00"'}`,
  };
}
