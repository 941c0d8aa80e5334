/**
 * `npm run bench:learning`: learning a match score from a 10,000-pair rated history (target: under 2 s),
 * and judging it on the held-out cohort (bootstrap included). Synthetic history with a hidden preference.
 */
import { evaluate, fitPairs, split } from '../src/core/learning/evaluate';
import { syntheticHistory } from '../src/core/learning/synthetic';

const HAND = { content: 3, language: 1, seniority: 1, department: 0.5, availability: 1 };
const TRUTH = { content: 0.5, language: 2, seniority: 1.5, department: 0, availability: 1 };

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

const rows: { step: string; pairs: number; ms: number; target: string }[] = [];
for (const pairs of [1_000, 10_000, 50_000]) {
  const history = syntheticHistory({ cohorts: 5, pairsPerCohort: pairs / 5, truth: TRUTH, noise: 0.8, seed: 17 });
  fitPairs(history.slice(0, 200)); // warm the JIT once, as an open app would be
  const fit = time(() => fitPairs(history));
  const s = split(history);
  if (!s.ready) throw new Error(s.reason);
  const evaluation = time(() => evaluate(s.train, s.test, s.testCohortId, HAND));
  const target = pairs === 10_000 ? '< 2,000 ms' : '';
  rows.push({ step: 'fit (all cohorts)', pairs, ms: fit.ms, target });
  rows.push({ step: 'evaluate (fit earlier, test latest, bootstrap)', pairs, ms: evaluation.ms, target });
  rows.push({ step: 'train = fit + evaluate', pairs, ms: fit.ms + evaluation.ms, target: pairs === 10_000 ? `< 2,000 ms: ${fit.ms + evaluation.ms < 2000 ? 'met' : 'MISSED'}` : '' });
}
const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad('step', 48)}${pad('rated pairs', 13)}${pad('ms', 10)}target`);
for (const r of rows) console.log(`${pad(r.step, 48)}${pad(r.pairs.toLocaleString('en-US'), 13)}${pad(r.ms.toFixed(0), 10)}${r.target}`);
