/** A score difference with its sign always shown (−0.011, +0.539, 0.000): the same wherever a delta appears. */
export function signed(value: number, digits = 3): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(digits)}`;
}

/** A run's time with its date: runs of different days must not look alike in the list. */
export function runTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
