/**
 * Hybrid logical clock. Timestamps sort as strings in causal order across devices, which is what the
 * change log needs for last-writer-wins sync: wall time, then a counter for events in the same
 * millisecond (or while the wall clock is behind), then the client id as a tie-breaker.
 */
export class HybridLogicalClock {
  private lastMs = 0;
  private counter = 0;
  /** The last stamp's millisecond and its text ("…ms-"), and "-clientId": made once, not for every stamp. */
  private textMs = Number.NaN;
  private msText = '';
  private readonly clientText: string;

  constructor(
    readonly clientId: string,
    private readonly wallClock: () => number = Date.now,
  ) {
    this.clientText = `-${clientId}`;
  }

  /** Resume after the newest timestamp already in the log so the clock never goes backwards. */
  observe(hlc: string): void {
    const parsed = parseHlc(hlc);
    if (parsed.ms > this.lastMs || (parsed.ms === this.lastMs && parsed.counter > this.counter)) {
      this.lastMs = parsed.ms;
      this.counter = parsed.counter;
    }
  }

  now(): string {
    const wall = this.wallClock();
    if (wall > this.lastMs) {
      this.lastMs = wall;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    // The millisecond's text and the client id's are made once, not for each of an import's 230,000 change rows
    // (formatHlc's two pads and three parts were ~30 ms of it); the text is formatHlc's (a test compares them).
    if (this.lastMs !== this.textMs) {
      this.textMs = this.lastMs;
      this.msText = `${this.lastMs.toString().padStart(15, '0')}-`;
    }
    return `${this.msText}${this.counter.toString(36).padStart(6, '0')}${this.clientText}`;
  }
}

export function formatHlc(ms: number, counter: number, clientId: string): string {
  return `${ms.toString().padStart(15, '0')}-${counter.toString(36).padStart(6, '0')}-${clientId}`;
}

export function parseHlc(hlc: string): { ms: number; counter: number; clientId: string } {
  const [ms, counter, ...rest] = hlc.split('-');
  if (ms === undefined || counter === undefined || rest.length === 0) {
    throw new Error(`Malformed HLC timestamp "${hlc}"`);
  }
  return { ms: Number(ms), counter: parseInt(counter, 36), clientId: rest.join('-') };
}
