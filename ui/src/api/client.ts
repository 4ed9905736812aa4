import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { getToken, refused } from './token';

export type Schemas = components['schemas'];
export type RuntimeStatus = Schemas['RuntimeStatus'];
export type FleetStatus = Schemas['FleetStatus'];
export type DeviceTable = Schemas['DeviceTable'];
export type DeviceRow = DeviceTable['devices'][number];
export type DeviceDetail = Schemas['DeviceDetail'];
export type ProfileSummary = Schemas['ProfileSummary'];
export type ProfileDetail = Schemas['ProfileDetail'];
export type ScenarioJob = Schemas['ScenarioJob'];
export type ScenarioValidation = Schemas['ScenarioValidation'];
export type ActiveFaults = Schemas['ActiveFaults'];
export type Target = Schemas['Target'];
export type FaultRequest = Schemas['FaultRequest'];

/** An answer the node refused, with its message and the field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The node the page came from (the dev server proxies /api to one). */
export function nodeOrigin(): string {
  return typeof window !== 'undefined' && window.location ? window.location.origin : 'http://127.0.0.1:8080';
}

/**
 * Every call carries the token the user gave (`Authorization: Bearer`); a 401 asks for one (the
 * token dialog opens with the node's message).
 */
const auth: Middleware = {
  onRequest({ request }) {
    const t = getToken();
    if (t) request.headers.set('Authorization', `Bearer ${t}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status === 401) {
      const header = request.headers.get('Authorization');
      const sent = header?.startsWith('Bearer ') ? header.slice(7) : null;
      const body = (await response.clone().json().catch(() => ({}))) as { error?: string };
      refused(sent, body.error ?? 'the node asks for an API token');
    }
    return response;
  },
};
function clientFor(baseUrl: string) {
  const c = createClient<paths>({ baseUrl });
  c.use(auth);
  return c;
}

export let api = clientFor(nodeOrigin());

/** Points the client at another node (tests; the app always talks to the node it came from). */
export function connectTo(baseUrl: string) {
  api = clientFor(baseUrl);
  base = baseUrl;
}

let base = '';

/** An absolute URL for a path of the node, for EventSource. */
export const nodeUrl = (path: string) => base + path;

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of an answer, or an ApiError carrying the server's own message. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let r: Result<T>;
  try {
    r = await call;
  } catch (e) {
    throw new ApiError(0, `the node did not answer (${e instanceof Error ? e.message : String(e)})`);
  }
  if (r.response.ok && r.data !== undefined) {
    return r.data;
  }
  const body = r.error as { error?: string; field?: string } | string | undefined;
  if (body && typeof body === 'object' && body.error) {
    throw new ApiError(r.response.status, body.error, body.field);
  }
  throw new ApiError(r.response.status, `HTTP ${r.response.status} ${r.response.statusText}`.trim());
}

/** Query-string form of a device table request (also used to build SSE URLs). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const calls = {
  status: () => unwrap(api.GET('/api/v1/status')),
  fleet: (selector?: string) => unwrap(api.GET('/api/v1/devices/status', { params: { query: { selector: selector || undefined } } })),
  table: (q: {
    type?: string;
    state?: 'idle' | 'running' | 'paused' | 'stopped' | 'error';
    selector?: string;
    sort?: 'id' | 'type' | 'state';
    order?: 'asc' | 'desc';
    offset?: number;
    limit?: number;
  }) => unwrap(api.GET('/api/v1/devices/table', { params: { query: { ...q, selector: q.selector || undefined, type: q.type || undefined } } })),
  device: (id: string) => unwrap(api.GET('/api/v1/devices/{device_id}', { params: { path: { device_id: id } } })),
  profiles: () => unwrap(api.GET('/api/v1/profiles')),
  profile: (name: string) => unwrap(api.GET('/api/v1/profiles/{name}', { params: { path: { name } } })),
  spawn: (body: Schemas['SpawnRequest']) => unwrap(api.POST('/api/v1/devices/spawn', { body })),
  stop: (body: Target) => unwrap(api.POST('/api/v1/devices/stop', { body })),
  pause: (body: Target) => unwrap(api.POST('/api/v1/devices/pause', { body })),
  resume: (body: Target) => unwrap(api.POST('/api/v1/devices/resume', { body })),
  inject: (body: FaultRequest) => unwrap(api.POST('/api/v1/faults', { body })),
  activeFaults: () => unwrap(api.GET('/api/v1/faults/active')),
  scenarios: () => unwrap(api.GET('/api/v1/scenarios')),
  scenarioFiles: () => unwrap(api.GET('/api/v1/scenarios/files')),
  validate: (source: string) => unwrap(api.POST('/api/v1/scenarios/validate', { body: { source } })),
  submit: (source: string, name?: string) => unwrap(api.POST('/api/v1/scenarios', { body: { source, name } })),
  cancel: (id: string) => unwrap(api.DELETE('/api/v1/scenarios/{scenario_id}', { params: { path: { scenario_id: id } } })),
  clock: () => unwrap(api.GET('/api/v1/clock')),
  setSpeed: (speed: string) => unwrap(api.PUT('/api/v1/clock', { body: { speed } })),
};
