/**
 * A small L2-regularised logistic regression whose coefficients may be held non-negative. Pairwise uses
 * it with one feature per scoring criterion, so the learned coefficients can be the engine's criterion
 * weights (which are never negative). Fitted by Newton's method on the free coefficients, with an
 * active set for the ones held at zero; the problem is convex, so the answer is deterministic and does
 * not depend on the order of the examples beyond floating-point sums.
 */

export interface LogisticModel {
  readonly intercept: number;
  readonly coefficients: readonly number[];
}

export interface FitOptions {
  /** Penalty on the coefficients (not the intercept), per example: keeps small histories from over-fitting. */
  readonly l2: number;
  /** Coefficients held ≥ 0. */
  readonly nonNegative: boolean;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function predict(model: LogisticModel, x: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < x.length; j++) z += model.coefficients[j]! * x[j]!;
  return sigmoid(z);
}

/** Solves A v = b in place (A small and positive definite here); Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    [b[c], b[p]] = [b[p]!, b[c]!];
    const pivot = a[c]![c]!;
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r]![k]! -= f * a[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const v = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * v[k]!;
    v[r] = s / a[r]![r]!;
  }
  return v;
}

/** Mean log-loss plus the penalty, and its gradient (index 0: intercept). */
function lossAndGradient(x: readonly (readonly number[])[], y: readonly number[], w: readonly number[], l2: number): { loss: number; grad: number[] } {
  const d = w.length;
  const n = x.length;
  const grad = new Array<number>(d).fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let z = w[0]!;
    for (let j = 1; j < d; j++) z += w[j]! * x[i]![j - 1]!;
    const p = sigmoid(z);
    // log(1 + e^z) − y z, written to stay finite for large |z|.
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z;
    const r = p - y[i]!;
    grad[0]! += r;
    for (let j = 1; j < d; j++) grad[j]! += r * x[i]![j - 1]!;
  }
  loss /= n;
  for (let j = 0; j < d; j++) grad[j]! /= n;
  for (let j = 1; j < d; j++) {
    loss += (l2 / 2) * w[j]! ** 2;
    grad[j]! += l2 * w[j]!;
  }
  return { loss, grad };
}

/** Newton's method over the coefficients in `free` (intercept always free), the others held at 0. */
function newton(x: readonly (readonly number[])[], y: readonly number[], w: number[], free: readonly boolean[], l2: number): void {
  const d = w.length;
  const idx = [0, ...[...Array(d - 1).keys()].map((j) => j + 1).filter((j) => free[j - 1])];
  for (let iter = 0; iter < 100; iter++) {
    const { loss, grad } = lossAndGradient(x, y, w, l2);
    const m = idx.length;
    const h = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    for (let i = 0; i < x.length; i++) {
      let z = w[0]!;
      for (let j = 1; j < d; j++) z += w[j]! * x[i]![j - 1]!;
      const p = sigmoid(z);
      const s = p * (1 - p);
      for (let a = 0; a < m; a++) {
        const xa = idx[a] === 0 ? 1 : x[i]![idx[a]! - 1]!;
        for (let b = a; b < m; b++) h[a]![b]! += s * xa * (idx[b] === 0 ? 1 : x[i]![idx[b]! - 1]!);
      }
    }
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        h[a]![b]! /= x.length;
        h[b]![a] = h[a]![b]!;
      }
      // The penalty's curvature, plus a tiny ridge so separable data cannot make the system singular.
      h[a]![a]! += (idx[a] === 0 ? 0 : l2) + 1e-9;
    }
    const step = solve(h, idx.map((j) => grad[j]!));
    // Step halving: Newton on log-loss can overshoot from a poor start.
    let t = 1;
    for (; t > 1e-6; t /= 2) {
      const trial = [...w];
      idx.forEach((j, a) => (trial[j] = w[j]! - t * step[a]!));
      if (lossAndGradient(x, y, trial, l2).loss <= loss + 1e-12) {
        idx.forEach((j) => (w[j] = trial[j]!));
        break;
      }
    }
    if (Math.max(...step.map(Math.abs)) * t < 1e-10) return;
  }
}

export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], options: FitOptions): LogisticModel {
  if (x.length === 0) throw new Error('fitLogistic needs at least one example');
  const features = x[0]!.length;
  const w = new Array<number>(features + 1).fill(0);
  const free = new Array<boolean>(features).fill(true);
  // Active set: fit the free coefficients, hold the most negative one at zero, and let a held one go
  // free again when the loss would fall by raising it. A few features: a few rounds.
  for (let round = 0; round < 4 * (features + 1); round++) {
    newton(x, y, w, free, options.l2);
    if (!options.nonNegative) break;
    let worst = -1;
    for (let j = 0; j < features; j++) if (free[j] && w[j + 1]! < -1e-12 && (worst < 0 || w[j + 1]! < w[worst + 1]!)) worst = j;
    if (worst >= 0) {
      free[worst] = false;
      w[worst + 1] = 0;
      continue;
    }
    const { grad } = lossAndGradient(x, y, w, options.l2);
    let release = -1;
    for (let j = 0; j < features; j++) if (!free[j] && grad[j + 1]! < -1e-9 && (release < 0 || grad[j + 1]! < grad[release + 1]!)) release = j;
    if (release < 0) break;
    free[release] = true;
  }
  return { intercept: w[0]!, coefficients: w.slice(1).map((c) => (options.nonNegative ? Math.max(0, c) : c)) };
}
