import type { CallResult } from '../api/contract';
import type { FromHost, HostOptions, ToHost } from './protocol';

/** A running host as its parent sees it: a worker thread (web bridge) or a utility process (Electron). */
export interface HostChannel {
  post(message: ToHost): void;
  onMessage(listener: (message: FromHost) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

/** Couldn't open the workspace: the message is the store's own (a newer schema, a locked file…). */
export class HostOpenError extends Error {}

const notRunning = (message: string): CallResult => ({ ok: false, error: { code: 'internal', message } });

/**
 * The parent's side of the host: relays calls and matches answers to them by id. If the host stops, the
 * calls waiting for it are answered with an error (never left hanging) and `onUnexpectedExit` listeners run.
 */
export class HostClient {
  private readonly pending = new Map<number, (result: CallResult) => void>();
  private nextId = 1;
  private running = true;
  private closing = false;
  private readonly exited: Promise<number>;
  private readonly unexpectedExit: ((code: number) => void)[] = [];

  private constructor(
    private readonly channel: HostChannel,
    readonly path: string,
  ) {
    this.exited = new Promise((resolve) => channel.onExit(resolve));
    void this.exited.then((code) => {
      this.running = false;
      const message = this.closing ? 'The workspace was closed' : `The Pairwise core stopped unexpectedly (exit code ${code})`;
      for (const answer of this.pending.values()) answer(notRunning(message));
      this.pending.clear();
      if (!this.closing) for (const listener of this.unexpectedExit) listener(code);
    });
    channel.onMessage((message) => {
      if ('id' in message) {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      }
    });
  }

  /** Opens the workspace in the host; rejects with HostOpenError (and ends the host) if it cannot. */
  static start(channel: HostChannel, options: HostOptions): Promise<HostClient> {
    return new Promise((resolve, reject) => {
      let settled = false;
      channel.onMessage((message) => {
        if (settled || !('event' in message)) return;
        if (message.event === 'ready') {
          settled = true;
          resolve(new HostClient(channel, message.data.path));
        } else if (message.event === 'failed') {
          settled = true;
          channel.kill();
          reject(new HostOpenError(message.data.message));
        }
      });
      channel.onExit((code) => {
        if (settled) return;
        settled = true;
        reject(new HostOpenError(`The Pairwise core stopped while opening ${options.dbPath} (exit code ${code})`));
      });
      channel.post({ open: options });
    });
  }

  call(method: string, input: unknown): Promise<CallResult> {
    if (!this.running || this.closing) return Promise.resolve(notRunning(this.closing ? 'The workspace was closed' : 'The Pairwise core is not running'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.channel.post({ id, method, input });
      } catch (error) {
        // Input that cannot be cloned (a function, a symbol) never reaches the host.
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'invalid-input', message: `Invalid input for ${method}: ${(error as Error).message}` } });
      }
    });
  }

  onUnexpectedExit(listener: (code: number) => void): void {
    this.unexpectedExit.push(listener);
  }

  /** Closes the workspace and ends the host; after `timeoutMs` the host is ended anyway. */
  async close(timeoutMs = 5000): Promise<void> {
    if (!this.running) return;
    this.closing = true;
    this.channel.post({ close: true });
    const timer = setTimeout(() => this.channel.kill(), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}
