import type { Member } from '../domain/participant';
import type { MatchSettings } from './settings';
import { DEFAULT_REFERENCE_DATE } from './settings';
import { buildTfIdfFromText, type TfIdfModel } from './tfidf';
import { offsetMinutesAt, resolveZone, WeekConverter, type WeekIntervals } from './timezones';

/**
 * Everything the rules and criteria need about one side of the cohort, interned into typed arrays
 * so that the per-pair loop compares integers instead of strings.
 */
export interface SideFeatures {
  readonly members: readonly Member[];
  readonly person: Int32Array;
  readonly team: Int32Array; // -1 = unknown
  readonly department: Int32Array; // -1 = unknown
  readonly email: Int32Array; // -1 = none
  readonly manager: Int32Array; // -1 = none
  readonly offsetMin: Float64Array; // NaN = unknown zone
  readonly week: readonly (WeekIntervals | null)[]; // null = unknown zone
  readonly languages: Uint32Array; // bitset, `languageWords` words per member
  readonly hasLanguage: Uint8Array;
  readonly seniority: Float64Array; // NaN = unknown
}

export interface CohortFeatures {
  readonly referenceDate: string;
  readonly languageWords: number;
  readonly mentees: SideFeatures;
  readonly mentors: SideFeatures;
  readonly tfidf: TfIdfModel;
}

class Interner {
  private readonly map = new Map<string, number>();
  id(value: string | null | undefined): number {
    if (value === null || value === undefined) return -1;
    const key = value.trim().toLowerCase();
    if (key === '') return -1;
    let k = this.map.get(key);
    if (k === undefined) {
      k = this.map.size;
      this.map.set(key, k);
    }
    return k;
  }
  get size(): number {
    return this.map.size;
  }
}

export function buildFeatures(mentees: readonly Member[], mentors: readonly Member[], settings: MatchSettings): CohortFeatures {
  const referenceDate = settings.startDate ?? DEFAULT_REFERENCE_DATE;
  const persons = new Interner();
  const teams = new Interner();
  const departments = new Interner();
  const emails = new Interner(); // shared by email and managerEmail so they compare directly
  const langs = new Interner();
  for (const m of [...mentees, ...mentors]) for (const l of m.languages) langs.id(l);
  const languageWords = Math.max(1, Math.ceil(langs.size / 32));
  const converter = new WeekConverter(referenceDate);

  const side = (list: readonly Member[]): SideFeatures => {
    const n = list.length;
    const f = {
      members: list,
      person: new Int32Array(n),
      team: new Int32Array(n),
      department: new Int32Array(n),
      email: new Int32Array(n),
      manager: new Int32Array(n),
      offsetMin: new Float64Array(n),
      week: new Array<WeekIntervals | null>(n).fill(null),
      languages: new Uint32Array(n * languageWords),
      hasLanguage: new Uint8Array(n),
      seniority: new Float64Array(n),
    };
    list.forEach((m, i) => {
      f.person[i] = persons.id(m.personId);
      f.team[i] = teams.id(m.team);
      f.department[i] = departments.id(m.department);
      f.email[i] = emails.id(m.email);
      f.manager[i] = emails.id(m.managerEmail);
      const zone = resolveZone(m.timezone);
      f.offsetMin[i] = zone ? offsetMinutesAt(zone, referenceDate) : Number.NaN;
      f.week[i] = zone ? converter.toUtcWeek(zone, m.availability) : null;
      for (const l of m.languages) {
        const k = langs.id(l);
        if (k < 0) continue;
        const w = i * languageWords + (k >>> 5);
        f.languages[w] = (f.languages[w] ?? 0) | (1 << (k & 31));
        f.hasLanguage[i] = 1;
      }
      f.seniority[i] = m.seniorityYears ?? Number.NaN;
    });
    return f;
  };

  const tfidf = buildTfIdfFromText(
    mentees.map((m) => ({ tags: m.interests, text: m.goals })),
    mentors.map((m) => ({ tags: m.expertise, text: m.bio })),
  );
  return {
    referenceDate,
    languageWords,
    mentees: side(mentees),
    mentors: side(mentors),
    tfidf,
  };
}

export function shareLanguage(f: CohortFeatures, mentee: number, mentor: number): boolean {
  const w = f.languageWords;
  for (let k = 0; k < w; k++) {
    if (((f.mentees.languages[mentee * w + k] ?? 0) & (f.mentors.languages[mentor * w + k] ?? 0)) !== 0) return true;
  }
  return false;
}
