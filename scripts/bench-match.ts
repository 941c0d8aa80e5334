/**
 * Matching benchmark: generated realistic cohorts, each measured in its own child process so peak
 * memory (process.resourceUsage().maxRSS, whole process incl. Node + tsx baseline) belongs to one
 * instance. Run: npx tsx scripts/bench-match.ts [--only 2000x800]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import solver from 'javascript-lp-solver';
import type { Member } from '../src/core/domain/participant';
import { buildProblem, prepareCohort } from '../src/core/matching/cohort';
import { loadHighs, solveMip } from '../src/core/matching/mip';
import type { AssignmentProblem } from '../src/core/matching/problem';
import { SCORE_SCALE } from '../src/core/matching/scoring';
import { MatchSettings } from '../src/core/matching/settings';
import { solveAssignment } from '../src/core/matching/solver';
import { seededRandom as rng } from '../src/core/sample/generate';

const INSTANCES = [
  { name: '100x40', mentees: 100, mentors: 40 },
  { name: '500x200', mentees: 500, mentors: 200 },
  { name: '2000x800', mentees: 2000, mentors: 800 },
  { name: '10000x4000', mentees: 10000, mentors: 4000 },
] as const;

/** Column limits above which an LP/MIP comparison is skipped instead of burning the time budget. */
const JSLP_MAX_PAIRS = 20_000;
const JSLP_TIMEOUT_MS = 20_000;
const HIGHS_MAX_PAIRS = 400_000;
const HIGHS_TIME_LIMIT_S = 60;

const TOPICS = [
  'machine learning', 'data engineering', 'system design', 'public speaking', 'career growth', 'people management',
  'product management', 'ux research', 'frontend', 'backend', 'cloud infrastructure', 'kubernetes', 'security',
  'negotiation', 'leadership', 'writing', 'stakeholder management', 'testing', 'mobile development', 'analytics',
  'sql', 'python', 'typescript', 'rust', 'go', 'java', 'react', 'design systems', 'accessibility', 'devops',
  'observability', 'incident response', 'hiring', 'coaching', 'finance', 'budgeting', 'marketing', 'sales',
  'customer success', 'operations', 'supply chain', 'legal', 'compliance', 'privacy', 'research', 'statistics',
  'deep learning', 'computer vision', 'nlp', 'distributed systems', 'databases', 'performance', 'architecture',
  'agile', 'scrum', 'roadmapping', 'strategy', 'mentoring', 'time management', 'work life balance',
];
const WORDS = ['scaling', 'teams', 'platform', 'migration', 'customers', 'quality', 'delivery', 'vision', 'impact',
  'communication', 'feedback', 'ownership', 'growth', 'products', 'models', 'pipelines', 'services', 'design',
  'reliability', 'startups', 'enterprise', 'open', 'source', 'community', 'promotion', 'transition', 'manager'];
const ZONES: [string, number][] = [
  ['Europe/London', 12], ['Europe/Berlin', 14], ['Europe/Paris', 8], ['Europe/Warsaw', 5], ['Europe/Helsinki', 4],
  ['America/New_York', 12], ['America/Chicago', 6], ['America/Denver', 3], ['America/Los_Angeles', 8],
  ['America/Sao_Paulo', 4], ['Asia/Kolkata', 8], ['Asia/Singapore', 4], ['Asia/Tokyo', 3], ['Australia/Sydney', 3],
  ['UTC+05:30', 2], ['UTC-03:00', 1], ['Pacific/Auckland', 1],
];
const LANGS = ['German', 'Spanish', 'French', 'Hindi', 'Portuguese', 'Japanese', 'Polish'];

function pickWeighted<T>(r: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const sample = <T>(r: () => number, xs: readonly T[], k: number): T[] => {
  const out = new Set<T>();
  while (out.size < k) out.add(pick(r, xs));
  return [...out];
};

export function generateCohort(nMentees: number, nMentors: number, seed = 42): Member[] {
  const r = rng(seed);
  const members: Member[] = [];
  const depts = Array.from({ length: 12 }, (_, k) => `Dept ${k}`);
  const make = (role: 'mentor' | 'mentee', k: number): Member => {
    const dept = pick(r, depts);
    const tz = pickWeighted(r, ZONES);
    const tags = sample(r, TOPICS, 3 + Math.floor(r() * 4));
    const text = sample(r, [...WORDS, ...TOPICS], 6 + Math.floor(r() * 8)).join(' ');
    const start = 8 * 60 + Math.floor(r() * 4) * 60;
    const days = sample(r, [0, 1, 2, 3, 4], 2 + Math.floor(r() * 3));
    return {
      id: `${role === 'mentor' ? 'r' : 'e'}${String(k).padStart(6, '0')}`,
      personId: `p-${role}-${k}`,
      cohortId: 'bench',
      fullName: `${role} ${k}`,
      email: `${role}${k}@example.com`,
      role,
      capacity: role === 'mentor' ? 1 + Math.floor(r() * 4) : 0,
      timezone: tz,
      interests: role === 'mentee' ? tags : [],
      expertise: role === 'mentor' ? tags : [],
      goals: role === 'mentee' ? text : '',
      bio: role === 'mentor' ? text : '',
      languages: r() < 0.92 ? ['English', ...(r() < 0.3 ? [pick(r, LANGS)] : [])] : [pick(r, LANGS)],
      department: dept,
      team: `${dept} / team ${Math.floor(r() * 8)}`,
      managerEmail: r() < 0.5 ? `mentor${Math.floor(r() * nMentors)}@example.com` : null,
      seniorityYears: role === 'mentor' ? 3 + Math.floor(r() * 22) : Math.floor(r() * 8),
      availability: days.map((day) => ({ day, start, end: start + 120 + Math.floor(r() * 4) * 60 })),
      approval: r() < 0.95 ? 'approved' : 'pending',
    };
  };
  for (let k = 0; k < nMentees; k++) members.push(make('mentee', k));
  for (let k = 0; k < nMentors; k++) members.push(make('mentor', k));
  return members;
}

export const BENCH_SETTINGS = MatchSettings.parse({
  startDate: '2025-03-17',
  rules: { timezone: { kind: 'max-offset-diff', hours: 4 } },
});

interface Row {
  name: string;
  pairs: number;
  scoringMs: number;
  /** The first solve in a fresh process (what a new matching worker does). */
  solveMs: number;
  /** Median of three more solves in the same process (code already optimised by the JIT). */
  warmMs: number;
  method: string;
  rounds: number;
  verified: boolean;
  peakMb: number;
  objective: number;
  matched: number;
  jslp: string;
  highs: string;
  ssp: string;
  agree: string;
}

function jslpCompare(p: AssignmentProblem): { text: string; objective: number | null } {
  if (p.mentor.length > JSLP_MAX_PAIRS) return { text: `skipped (${p.mentor.length} columns > ${JSLP_MAX_PAIRS})`, objective: null };
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, { max?: number; equal?: number }> = {};
  const binaries: Record<string, 1> = {};
  for (let i = 0; i < p.nMentees; i++) {
    constraints[`e${i}`] = { max: 1 };
    for (let q = p.rowStart[i]!; q < p.rowStart[i + 1]!; q++) {
      variables[`x${q}`] = { obj: -p.cost[q]!, [`e${i}`]: 1, [`m${p.mentor[q]}`]: 1 };
      binaries[`x${q}`] = 1;
    }
  }
  let s = 0;
  for (let j = 0; j < p.nMentors; j++) {
    constraints[`m${j}`] = { equal: 0 };
    for (let k = 0; k < p.capacity[j]!; k++, s++) {
      variables[`y${s}`] = { obj: -(p.slotCost?.[s] ?? 0), [`m${j}`]: -1, [`yb${s}`]: 1 };
      constraints[`yb${s}`] = { max: 1 };
    }
  }
  const t0 = performance.now();
  const res = solver.Solve({ optimize: 'obj', opType: 'max', constraints, variables, binaries, timeout: JSLP_TIMEOUT_MS }) as {
    feasible: boolean;
    result: number;
  };
  const ms = performance.now() - t0;
  if (ms >= JSLP_TIMEOUT_MS * 0.98) return { text: `skipped (timed out after ${(ms / 1000).toFixed(0)} s)`, objective: null };
  if (!res.feasible) return { text: `no result (${ms.toFixed(0)} ms)`, objective: null };
  const objective = res.result / SCORE_SCALE;
  return { text: `${(ms / 1000).toFixed(2)} s / ${objective.toFixed(4)}`, objective };
}

async function highsCompare(p: AssignmentProblem): Promise<{ text: string; objective: number | null }> {
  if (p.mentor.length > HIGHS_MAX_PAIRS) return { text: `skipped (${p.mentor.length} columns > ${HIGHS_MAX_PAIRS})`, objective: null };
  const highs = await loadHighs();
  const res = solveMip(highs, p, [], { timeLimitSeconds: HIGHS_TIME_LIMIT_S });
  if (!res.optimal) return { text: `skipped (${res.status} after ${(res.ms / 1000).toFixed(1)} s)`, objective: null };
  const objective = -res.cost / SCORE_SCALE;
  return { text: `${(res.ms / 1000).toFixed(2)} s / ${objective.toFixed(4)}`, objective };
}

async function child(name: string): Promise<Row> {
  const inst = INSTANCES.find((x) => x.name === name);
  if (!inst) throw new Error(`unknown instance ${name}`);
  const members = generateCohort(inst.mentees, inst.mentors);
  const t0 = performance.now();
  const cohort = prepareCohort(members, BENCH_SETTINGS);
  const scoringMs = performance.now() - t0;
  const problem = buildProblem(cohort);
  const t1 = performance.now();
  const res = solveAssignment(problem);
  const solveMs = performance.now() - t1;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const warm: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    solveAssignment(problem);
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  let matched = 0;
  for (const a of res.arcOf) if (a >= 0) matched++;
  const objective = -Number(res.cost) / SCORE_SCALE;
  const jl = jslpCompare(problem);
  const hi = await highsCompare(problem);
  // The shortest-path solver is a second exact method with its own certificate: an independent
  // check where the LP/MIP solvers are skipped.
  const t2 = performance.now();
  const ref = solveAssignment(problem, { method: 'shortest-paths' });
  const sspMs = performance.now() - t2;
  const sspObjective = ref.verified ? -Number(ref.cost) / SCORE_SCALE : null;
  const ssp = { text: `${(sspMs / 1000).toFixed(2)} s / ${sspObjective?.toFixed(4) ?? 'unverified'}`, objective: sspObjective };
  const others = [jl.objective, hi.objective, ssp.objective].filter((x): x is number => x !== null);
  const agree = others.length === 0 ? 'n/a' : others.every((o) => Math.abs(o - objective) < 1e-6) ? 'yes' : 'NO';
  return {
    name,
    pairs: problem.mentor.length,
    scoringMs,
    solveMs,
    warmMs: warm[1]!,
    method: res.method,
    rounds: res.rounds,
    verified: res.verified,
    peakMb,
    objective,
    matched,
    jslp: jl.text,
    highs: hi.text,
    ssp: ssp.text,
    agree,
  };
}

function main(): void {
  const onlyIdx = process.argv.indexOf('--only');
  const only = onlyIdx >= 0 ? process.argv[onlyIdx + 1] : undefined;
  const self = fileURLToPath(import.meta.url);
  const rows: Row[] = [];
  for (const inst of INSTANCES) {
    if (only && inst.name !== only) continue;
    process.stderr.write(`running ${inst.name}...\n`);
    const out = spawnSync(process.execPath, [...process.execArgv, self, '--child', inst.name], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const line = out.stdout.trim().split('\n').pop() ?? '';
    if (out.status !== 0 || !line.startsWith('{')) {
      process.stderr.write(out.stderr);
      throw new Error(`child for ${inst.name} failed`);
    }
    rows.push(JSON.parse(line) as Row);
  }
  const header = ['instance', 'allowed pairs', 'scoring', 'solve (first)', 'solve (warm)', 'scoring + solve', 'method', 'rounds', 'certified', 'peak RSS', 'objective', 'matched', 'jsLPSolver (time / obj)', 'HiGHS MIP (time / obj)', 'shortest paths (time / obj)', 'agree'];
  const table = rows.map((r) => [
    r.name,
    r.pairs.toLocaleString('en-US'),
    `${r.scoringMs.toFixed(0)} ms`,
    `${r.solveMs.toFixed(0)} ms`,
    `${r.warmMs.toFixed(0)} ms`,
    `${(r.scoringMs + r.solveMs).toFixed(0)} ms`,
    r.method,
    String(r.rounds),
    r.verified ? 'gap 0' : 'NO',
    `${r.peakMb.toFixed(0)} MB`,
    r.objective.toFixed(4),
    String(r.matched),
    r.jslp,
    r.highs,
    r.ssp,
    r.agree,
  ]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const t of table) console.log(`| ${t.join(' | ')} |`);
  console.log(
    '\nsolve = candidate pruning + solver + full certificate check. "first" is one solve in a fresh process (as in a new ' +
      'matching worker), "warm" the median of three repeats in that process. peak RSS = process maxRSS after the first ' +
      'solve, incl. the Node/tsx baseline (~60-90 MB). shortest paths = the reference solver (method "shortest-paths").',
  );
}

// Only run when executed directly, so tests and profilers can import the generator.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const childIdx = process.argv.indexOf('--child');
  if (childIdx >= 0) {
    const row = await child(process.argv[childIdx + 1] ?? '');
    process.stdout.write(`${JSON.stringify(row)}\n`);
  } else {
    main();
  }
}
