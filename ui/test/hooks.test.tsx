import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { calls } from '../src/api/client';
import { useRuntimeStatus, useFleet } from '../src/hooks/queries';
import { useStream } from '../src/hooks/useStream';
import type { Reading } from '../src/components/numericSeries';

const FAST = {
  type: 'hook_sensor',
  telemetry_interval: '100ms',
  telemetry_fields: { t: { type: 'gaussian', mean: 20, stddev: 1, precision: 1 } },
};

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

// The hooks against a real node's REST answers and SSE streams.
describe('hooks', () => {
  beforeAll(async () => {
    await calls.spawn({ profile_inline: FAST, count: 100, labels: { suite: 'hooks' } });
  });
  afterAll(async () => {
    await calls.stop({ selector: 'suite=hooks' });
  });

  it('useRuntimeStatus polls the status', async () => {
    const { result } = renderHook(() => useRuntimeStatus(), { wrapper });
    await waitFor(() => expect(result.current.data?.active_devices).toBeGreaterThanOrEqual(100));
    const first = result.current.dataUpdatedAt;
    await waitFor(() => expect(result.current.dataUpdatedAt).toBeGreaterThan(first), { timeout: 3000 });
  });

  it('useFleet counts a selection and surfaces a bad one', async () => {
    const good = renderHook(() => useFleet('suite=hooks'), { wrapper });
    await waitFor(() => expect(good.result.current.data?.total_devices).toBe(100));
    const bad = renderHook(() => useFleet('suite in ('), { wrapper });
    await waitFor(() => expect(bad.result.current.error?.message).toMatch(/^selector: /));
  });

  it('useStream keeps at most max items and counts what max_rate skipped', async () => {
    // 100 devices every 100 ms: ~1,000 readings/s, thinned to 50/s by the node
    const { result, unmount } = renderHook(() => useStream<Reading>('/api/v1/devices/stream?selector=suite%3Dhooks&format=reading&max_rate=50', 40, 100), { wrapper });
    await waitFor(() => expect(result.current.connected).toBe(true));
    await waitFor(() => expect(result.current.items.length).toBe(40), { timeout: 5000 });
    await waitFor(() => expect(result.current.skipped).toBeGreaterThan(500), { timeout: 5000 });
    expect(result.current.items[0].device_type).toBe('hook_sensor');
    expect(typeof result.current.items[0].fields.t).toBe('number');
    // about 50 a second got through: never the whole ~1,000
    const rate = result.current.received;
    await new Promise((r) => setTimeout(r, 2000));
    expect(result.current.received - rate).toBeLessThan(200);
    unmount();
  });

  it('useStream shows the server message for a refused stream', async () => {
    const { result, unmount } = renderHook(() => useStream('/api/v1/devices/stream?max_rate=0', 10), { wrapper });
    await waitFor(() => expect(result.current.error).toBe("max_rate: must be an integer 1..1000000 readings per second (got '0')"), { timeout: 5000 });
    expect(result.current.connected).toBe(false);
    unmount();
  });

  it('useStream with no url stays disconnected', () => {
    const { result } = renderHook(() => useStream(null, 10), { wrapper });
    expect(result.current).toMatchObject({ connected: false, items: [], received: 0 });
  });
});
