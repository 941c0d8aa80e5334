import type { CallResult, MethodInput, MethodName, MethodOutput, PairwiseApi } from '../../../core/api/contract';
import type { RowProblem } from '../../../core/import/contract';

export type { MethodInput, MethodName, MethodOutput, RowProblem };

/** A failed call: `message` is written for the coordinator; `problems` lists a rejected import's rows. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly problems: RowProblem[] = [],
  ) {
    super(message);
  }
}

/** What the Electron preload exposes as `window.pairwise`. */
export interface PreloadBridge {
  call(method: string, input: unknown): Promise<CallResult>;
}

declare global {
  interface Window {
    pairwise?: PreloadBridge;
  }
}

function unwrap<T>(result: CallResult): T {
  if (result.ok) return result.value as T;
  throw new ApiError(result.error.message, result.error.code, result.error.problems);
}

const TOKEN_KEY = 'pairwise.token';

/** The web bridge hands its access token in the URL fragment once; keep it for reloads, hide it from the address bar. */
function webToken(): string {
  const match = /token=([0-9a-f]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpBridge(): PreloadBridge {
  const token = webToken();
  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Pairwise-Token': token },
          body: JSON.stringify({ method, input }),
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Pairwise is not reachable: is `npm run web` still running?' } };
      }
      return (await response.json()) as CallResult;
    },
  };
}

export function createClient(bridge: PreloadBridge = window.pairwise ?? httpBridge()): PairwiseApi {
  return {
    call: async (method, input) => unwrap(await bridge.call(method, input)),
  };
}

export const api = createClient();
