import { SolveInputError } from './errors';
import { clampCapacityToDegree, lexicographicUnmatchedCost, type AssignmentProblem } from './problem';
import type { ObjectiveMode } from './settings';
import { certificateOf, solveAssignment, type OptimalityCertificate } from './solver';

/**
 * Engine entry point for `pairwise solve FILE.json`: a bare assignment problem with given scores.
 * Pairs not listed are forbidden; mentor capacity defaults to 1.
 */
export interface SolveOutput {
  status: 'optimal' | 'unverified';
  mode: ObjectiveMode;
  objective: number;
  matched: number;
  assignments: { mentee: string; mentor: string; score: number }[];
  unmatched: string[];
  certificate: OptimalityCertificate;
}

interface ParsedInput {
  mode: ObjectiveMode;
  mentors: { id: string; capacity: number }[];
  mentees: string[];
  pairs: { mentee: string; mentor: string; score: number }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(msg: string): never {
  throw new SolveInputError(msg);
}

function idOf(item: Record<string, unknown>, key: string, where: string): string {
  const v = item[key];
  if (v === undefined) fail(`${where}: missing field "${key}"`);
  if (typeof v !== 'string' || v === '') fail(`${where}.${key}: expected a non-empty string`);
  return v;
}

function arrayField(input: Record<string, unknown>, key: string): unknown[] {
  const v = input[key];
  if (v === undefined) fail(`missing field "${key}"`);
  if (!Array.isArray(v)) fail(`"${key}" must be an array`);
  return v;
}

function parse(input: unknown): ParsedInput {
  if (!isRecord(input)) fail('input must be a JSON object with mode, mentors, mentees and pairs');
  const mode = input['mode'];
  if (mode === undefined) fail('missing field "mode" (expected "max-score" or "max-matched-then-score")');
  if (mode !== 'max-score' && mode !== 'max-matched-then-score') {
    fail(`mode: expected "max-score" or "max-matched-then-score", got ${JSON.stringify(mode)}`);
  }
  const mentorIds = new Set<string>();
  const mentors = arrayField(input, 'mentors').map((raw, k) => {
    const where = `mentors[${k}]`;
    if (!isRecord(raw)) fail(`${where}: expected an object like {"id":"m1","capacity":2}`);
    const id = idOf(raw, 'id', where);
    if (mentorIds.has(id)) fail(`${where}: duplicate mentor id "${id}"`);
    mentorIds.add(id);
    const c = raw['capacity'] ?? 1;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) {
      fail(`${where}.capacity: expected a non-negative integer, got ${JSON.stringify(c)}`);
    }
    return { id, capacity: c };
  });
  const menteeIds = new Set<string>();
  const mentees = arrayField(input, 'mentees').map((raw, k) => {
    const where = `mentees[${k}]`;
    if (!isRecord(raw)) fail(`${where}: expected an object like {"id":"e1"}`);
    const id = idOf(raw, 'id', where);
    if (menteeIds.has(id)) fail(`${where}: duplicate mentee id "${id}"`);
    menteeIds.add(id);
    return id;
  });
  const seen = new Set<string>();
  const pairs = arrayField(input, 'pairs').map((raw, k) => {
    const where = `pairs[${k}]`;
    if (!isRecord(raw)) fail(`${where}: expected an object like {"mentee":"e1","mentor":"m1","score":0.7}`);
    const mentee = idOf(raw, 'mentee', where);
    const mentor = idOf(raw, 'mentor', where);
    if (!menteeIds.has(mentee)) fail(`${where}: unknown mentee "${mentee}"`);
    if (!mentorIds.has(mentor)) fail(`${where}: unknown mentor "${mentor}"`);
    const score = raw['score'];
    if (score === undefined) fail(`${where}: missing field "score"`);
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      fail(`${where}.score: expected a finite number, got ${typeof score === 'number' ? String(score) : JSON.stringify(score)}`);
    }
    const key = JSON.stringify([mentee, mentor]);
    if (seen.has(key)) fail(`${where}: duplicate pair ("${mentee}", "${mentor}")`);
    seen.add(key);
    return { mentee, mentor, score };
  });
  return { mode, mentors, mentees, pairs };
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Picks a power-of-ten scale so scores become exact integers with 6 decimals where possible, while
 * every quantity the solver and the lexicographic mode handle stays far below 2^53.
 */
function chooseScale(maxAbs: number, n: number): number {
  let scale = 1e6;
  while (scale > 1e-12 && maxAbs * scale * 2 * (n + 2) * 4 >= 2 ** 50) scale /= 10;
  return scale;
}

export function solveJson(input: unknown, opts: { signal?: AbortSignal } = {}): SolveOutput {
  const parsed = parse(input);
  const menteeIds = [...parsed.mentees].sort(byString);
  const mentors = [...parsed.mentors].sort((a, b) => byString(a.id, b.id));
  const menteeIdx = new Map(menteeIds.map((id, i) => [id, i]));
  const mentorIdx = new Map(mentors.map((m, j) => [m.id, j]));
  const n = menteeIds.length;
  const m = mentors.length;
  const rows: { j: number; score: number }[][] = Array.from({ length: n }, () => []);
  let maxAbs = 0;
  for (const p of parsed.pairs) {
    rows[menteeIdx.get(p.mentee)!]!.push({ j: mentorIdx.get(p.mentor)!, score: p.score });
    maxAbs = Math.max(maxAbs, Math.abs(p.score));
  }
  const scale = chooseScale(maxAbs, n);
  const rowStart = new Int32Array(n + 1);
  const mentor = new Int32Array(parsed.pairs.length);
  const cost = new Float64Array(parsed.pairs.length);
  const score = new Float64Array(parsed.pairs.length);
  let q = 0;
  rows.forEach((row, i) => {
    row.sort((a, b) => a.j - b.j);
    for (const a of row) {
      mentor[q] = a.j;
      cost[q] = -Math.round(a.score * scale);
      score[q] = a.score;
      q++;
    }
    rowStart[i + 1] = q;
  });
  const base = { nMentees: n, nMentors: m, rowStart, mentor, cost, slotCost: null, present: null, unmatchedCost: 0 };
  const capacity = clampCapacityToDegree(base, Int32Array.from(mentors, (x) => x.capacity));
  let problem: AssignmentProblem = { ...base, capacity };
  const lexicographic = parsed.mode === 'max-matched-then-score';
  if (lexicographic) problem = { ...problem, unmatchedCost: lexicographicUnmatchedCost(problem) };

  const res = solveAssignment(problem, { signal: opts.signal });
  const assignments: SolveOutput['assignments'] = [];
  const unmatched: string[] = [];
  let objective = 0;
  for (let i = 0; i < n; i++) {
    const a = res.arcOf[i]!;
    if (a < 0) unmatched.push(menteeIds[i]!);
    else {
      assignments.push({ mentee: menteeIds[i]!, mentor: mentors[mentor[a]!]!.id, score: score[a]! });
      objective += score[a]!;
    }
  }
  return {
    status: res.verified ? 'optimal' : 'unverified',
    mode: parsed.mode,
    objective,
    matched: assignments.length,
    assignments,
    unmatched,
    certificate: certificateOf(res, scale, lexicographic),
  };
}
