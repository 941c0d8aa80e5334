/**
 * Deterministic registration-form exports for the sample cohort, benchmarks and tests: the same seed
 * always gives the same file, so figures and screenshots can be compared across runs.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: tiny, fast and good enough for fake people.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emeka', 'Fatima', 'Gustavo', 'Hana', 'Ivan', 'Jia', 'Kwame', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tomoko', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe'];
const LAST = ['Adeyemi', 'Bauer', 'Castillo', 'Dubois', 'Eriksen', 'Fernandes', 'Gupta', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Lopez', 'Müller', 'Nakamura', 'Okafor', 'Petrov', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Vargas', 'Wang', 'Yilmaz', 'Zhang'];
const ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Singapore', 'Australia/Sydney', 'America/Sao_Paulo', 'Africa/Lagos', 'UTC+05:30', 'GMT-3', 'PST', 'CET'];
const DEPARTMENTS = ['Engineering', 'Product', 'Design', 'Data', 'Sales', 'Marketing', 'Finance', 'People'];
const TOPICS = ['public speaking', 'career growth', 'machine learning', 'system design', 'leadership', 'negotiation', 'product strategy', 'user research', 'data visualisation', 'people management', 'frontend', 'cloud infrastructure', 'accessibility', 'sales enablement', 'budgeting', 'writing', 'security', 'hiring'];
const LANGUAGES = ['English', 'Spanish', 'German', 'French', 'Portuguese', 'Hindi', 'Mandarin', 'Japanese'];
const GOALS = ['I want to grow into a lead role', 'Get better at presenting to executives', 'Switch into a data role', 'Learn to design large systems', 'Build confidence negotiating', 'Find my next career step'];
const SLOTS = ['Mon 09:00-11:00', 'Tue 14:00-16:00', 'Wed 18:00-20:00', 'Thu 08:00-10:00', 'Fri 12:00-14:00', 'weekdays 17:00-18:00', 'Sat 10:00-12:00'];

export const SAMPLE_HEADERS = [
  'Timestamp', 'Full name', 'Email Address', 'I want to be a…', 'Time zone', 'Max mentees', 'Years of experience',
  'Department', 'Team', 'Languages', 'Interests (choose all that apply)', 'Expertise', 'Goals', 'Availability',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function pickSome<T>(random: () => number, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < count) chosen.add(pick(random, items));
  return [...chosen];
}

function csvCell(value: string): string {
  return /[",\n;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A Google-Forms-like export: `mentors` mentors then `mentees` mentees, interleaved by seed. */
export function generateRegistrationCsv(options: { mentors: number; mentees: number; seed?: number; domain?: string }): string {
  const random = seededRandom(options.seed ?? 42);
  const domain = options.domain ?? 'example.org';
  const lines = [SAMPLE_HEADERS.map(csvCell).join(',')];
  const total = options.mentors + options.mentees;
  const usedNames = new Set<string>();
  for (let i = 0; i < total; i++) {
    const mentor = i < options.mentors;
    // Distinct names while there are enough combinations, so a sample cohort reads like real people.
    let first = pick(random, FIRST);
    let last = pick(random, LAST);
    for (let tries = 0; usedNames.has(`${first} ${last}`) && tries < 50; tries++) {
      first = pick(random, FIRST);
      last = pick(random, LAST);
    }
    usedNames.add(`${first} ${last}`);
    const department = pick(random, DEPARTMENTS);
    const row = [
      `2026-10-${String(1 + (i % 28)).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}`,
      `${first} ${last}`,
      `${first}.${last}.${i}@${domain}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
      mentor ? 'Mentor' : 'Mentee',
      pick(random, ZONES),
      mentor ? String(1 + Math.floor(random() * 3)) : '',
      String(mentor ? 6 + Math.floor(random() * 15) : Math.floor(random() * 6)),
      department,
      `${department} ${1 + Math.floor(random() * 3)}`,
      ['English', ...pickSome(random, LANGUAGES, 0, 1)].filter((l, j, a) => a.indexOf(l) === j).join('; '),
      mentor ? '' : pickSome(random, TOPICS, 2, 4).join(', '),
      mentor ? pickSome(random, TOPICS, 2, 5).join(', ') : '',
      mentor ? '' : pick(random, GOALS),
      pickSome(random, SLOTS, 1, 3).join('; '),
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
