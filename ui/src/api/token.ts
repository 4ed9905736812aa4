/**
 * The node's API token as the dashboard holds it: in sessionStorage (gone with the tab, never
 * written to disk by the page), asked for when the node answers 401. Components follow it with
 * useSyncExternalStore(subscribeToken, getToken / tokenRefusal).
 */
const KEY = 'iot-sim.api-token';

/** Where the token lives without a browser (Vitest in node): this module's memory. */
let memory: string | null = null;
/** The node's message when it refused the token we sent (or the lack of one); null: none pending. */
let refusal: string | null = null;
/** How many tokens were given (setToken): streams reconnect on a new one, not when one is dropped. */
let given = 0;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

function changed() {
  listeners.forEach((l) => l());
}

export function getToken(): string | null {
  const s = storage();
  return s ? s.getItem(KEY) : memory;
}

/** Keeps a token the user entered and clears the pending refusal. */
export function setToken(token: string) {
  const t = token.trim();
  const s = storage();
  if (s) s.setItem(KEY, t);
  else memory = t;
  refusal = null;
  given++;
  changed();
}

export function tokenGeneration(): number {
  return given;
}

export function clearToken() {
  const s = storage();
  if (s) s.removeItem(KEY);
  memory = null;
  changed();
}

/**
 * The node refused a request made with `sent` (the token it carried, or null): forget that token
 * and ask for one. A refusal of an older token than the current one (a request in flight while the
 * user typed a new one) is ignored.
 */
export function refused(sent: string | null, message: string) {
  if (sent !== getToken()) return;
  if (sent !== null) {
    const s = storage();
    if (s) s.removeItem(KEY);
    memory = null;
  }
  refusal = message;
  changed();
}

/** The pending refusal's message, or null when the dashboard needs no token from the user. */
export function tokenRefusal(): string | null {
  return refusal;
}

export function subscribeToken(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `Authorization: Bearer` for a fetch, when there is a token. */
export function authHeaders(): Record<string, string> {
  const t = getToken();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

/**
 * An SSE URL carrying the token as `access_token`: EventSource cannot send headers, and the node
 * accepts the parameter on its SSE routes only.
 */
export function withAccessToken(url: string): string {
  const t = getToken();
  if (!t) return url;
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(t)}`;
}
