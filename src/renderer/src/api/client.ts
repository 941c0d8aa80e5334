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

/**
 * The web bridge hands its access token in the URL fragment (`#token=…`); keep it for reloads, hide it from the
 * address bar. Read on every call: a URL pasted into an open tab (only its fragment changes, so the page does
 * not reload) replaces the remembered token at once. The bridge keeps one token per workspace, so after a
 * restart of `npm run web` on the same workspace the remembered one still works.
 */
function webToken(): string {
  const match = /token=([0-9a-f]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const WRONG_TOKEN =
  'This page does not have the access token that `npm run web` is using (it makes a new one for another workspace, or when its token file was replaced). Open the URL that `npm run web` printed in its terminal, the one ending in #token=…, in this tab: the page takes the new token from it.';

function httpBridge(): PreloadBridge {
  // A URL with a token pasted into this tab changes only the fragment, which does not reload the page: reload
  // it, so every view asks again with the new token instead of showing the old refusal.
  window.addEventListener('hashchange', () => {
    if (/token=/.test(window.location.hash)) window.location.reload();
  });
  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Pairwise-Token': webToken() },
          body: JSON.stringify({ method, input }),
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Pairwise is not reachable: is `npm run web` still running?' } };
      }
      if (response.status === 401) return { ok: false, error: { code: 'invalid-input', message: WRONG_TOKEN } };
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
