import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, calls, connectTo, nodeUrl } from '../src/api/client';
import { clearToken, getToken, setToken, tokenRefusal, withAccessToken } from '../src/api/token';
import { TokenDialog } from '../src/components/TokenDialog';
import { useStream } from '../src/hooks/useStream';
import { useRuntimeStatus } from '../src/hooks/queries';
import { Themed } from '../src/theme';
// @ts-expect-error plain ESM helper shared with the browser tests
import { startNode } from '../e2e/node.mjs';

const TOKEN = 'dashboard-test-token';

const FAST = {
  type: 'token_sensor',
  telemetry_interval: '100ms',
  telemetry_fields: { t: { type: 'gaussian', mean: 20, stddev: 1, precision: 1 } },
};

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <QueryClientProvider client={client}>
      <Themed>{children}</Themed>
    </QueryClientProvider>
  );
}

// The dashboard against a real node that has a token (its own, started here): the 401 opens the
// token dialog, the token entered there goes into sessionStorage and onto every call as
// Authorization: Bearer, and the SSE streams carry it as access_token.
describe('api token', () => {
  let node: { url: string; stop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    node = await startNode({ maxDevices: 1000, env: { IOT_SIM_API_TOKEN: TOKEN } });
    connectTo(node!.url);
    clearToken();
  }, 300_000);
  afterAll(async () => {
    clearToken();
    await node?.stop();
  });

  it('asks for the token on a 401, keeps it in sessionStorage and sends it as a bearer token', async () => {
    const refused = await calls.status().catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused.status).toBe(401);
    expect(tokenRefusal()).toMatch(/missing bearer token/);

    const { result } = renderHook(() => useRuntimeStatus(), {
      wrapper: ({ children }) =>
        wrapper({
          children: (
            <>
              <TokenDialog />
              {children}
            </>
          ),
        }),
    });
    // the dialog shows the node's own message; the query stays refused until a token is given
    await screen.findByTestId('token-dialog');
    expect(screen.getByTestId('token-refusal').textContent).toMatch(/missing bearer token/);
    fireEvent.change(screen.getByTestId('token-input'), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));

    expect(sessionStorage.getItem('iot-sim.api-token')).toBe(TOKEN);
    expect(tokenRefusal()).toBeNull();
    await waitFor(() => expect(screen.queryByTestId('token-dialog')).toBeNull());
    // the same query, re-run by the dialog, now passes the door
    await waitFor(() => expect(result.current.data?.ready).toBe(true), { timeout: 15000 });
    await calls.spawn({ profile_inline: FAST, count: 5, labels: { suite: 'token' } });
    expect((await calls.fleet('suite=token')).total_devices).toBe(5);
  });

  it('streams over SSE with the token as access_token, and the plain URL is refused', async () => {
    setToken(TOKEN);
    const path = '/api/v1/devices/stream?selector=suite%3Dtoken&format=reading';
    expect(withAccessToken(nodeUrl(path))).toBe(`${nodeUrl(path)}&access_token=${TOKEN}`);
    const plain = await fetch(nodeUrl(path));
    expect(plain.status).toBe(401);
    await plain.body?.cancel();

    const { result, unmount } = renderHook(() => useStream<{ device_id: string }>(path, 100, 50), { wrapper });
    await waitFor(() => expect(result.current.items.length).toBeGreaterThan(10), { timeout: 15000 });
    expect(result.current.items[0].device_id).toMatch(/^token_sensor-/);
    expect(result.current.error).toBeUndefined();
    unmount();
  });

  it('forgets a wrong token and asks again with the node\'s message, streams included', async () => {
    setToken('not-the-token');
    const e = await calls.status().catch((x) => x);
    expect(e).toMatchObject({ status: 401, message: 'invalid bearer token' });
    expect(tokenRefusal()).toBe('invalid bearer token');
    expect(getToken()).toBeNull();

    setToken('still-not-the-token');
    const path = '/api/v1/devices/stream?selector=suite%3Dtoken&format=reading';
    const { result, unmount } = renderHook(() => useStream<{ device_id: string }>(path, 100, 50), { wrapper });
    await waitFor(() => expect(result.current.error).toBe('invalid bearer token'), { timeout: 15000 });
    expect(tokenRefusal()).toBe('invalid bearer token');
    expect(result.current.items).toHaveLength(0);

    // the right one (as the dialog gives it): the same stream reconnects with it, and calls pass
    setToken(TOKEN);
    await waitFor(() => expect(result.current.items.length).toBeGreaterThan(5), { timeout: 15000 });
    expect(result.current.error).toBeUndefined();
    unmount();
    expect((await calls.fleet('suite=token')).total_devices).toBe(5);
  });

  it('is refused on a REST route as a query parameter (only the SSE routes take it)', async () => {
    const r = await fetch(`${nodeUrl('/api/v1/status')}?access_token=${TOKEN}`);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: string }).error).toMatch(/only on the SSE routes/);
  });
});
