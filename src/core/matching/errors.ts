/** Thrown when the caller's AbortSignal fires during scoring or solving. */
export class MatchCancelled extends Error {
  constructor(message = 'Matching was cancelled') {
    super(message);
    this.name = 'MatchCancelled';
  }
}

/** Thrown by `solveJson` for malformed input; the message names the offending item. */
export class SolveInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolveInputError';
  }
}

export interface Progress {
  phase: 'scoring' | 'solving' | 'verifying' | 'mip';
  done: number;
  total: number;
}
export type ProgressFn = (p: Progress) => void;

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MatchCancelled();
}
