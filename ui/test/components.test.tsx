import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import type { ReactNode } from 'react';
import { ApiError, calls } from '../src/api/client';
import { ErrorAlert } from '../src/components/ErrorAlert';
import { YamlEditor } from '../src/components/YamlEditor';
import { align } from '../src/components/TimeChart';
import { seriesOf, numericFields } from '../src/components/numericSeries';
import { bytes, duration, simTime } from '../src/components/format';
import { DevicesPage } from '../src/pages/DevicesPage';
import { FaultsPage } from '../src/pages/FaultsPage';
import { Themed } from '../src/theme';

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Themed>
        <MemoryRouter>{children}</MemoryRouter>
      </Themed>
    </QueryClientProvider>,
  );
}

describe('components', () => {
  it('ErrorAlert shows the message and the field', () => {
    render(<ErrorAlert error={new ApiError(400, 'count: must be >= 1 (got 0)', 'count')} />);
    expect(screen.getByTestId('api-error').textContent).toBe('count: must be >= 1 (got 0) [count]');
  });

  it('ErrorAlert renders nothing without an error', () => {
    const { container } = render(<ErrorAlert error={null} />);
    expect(container.innerHTML).toBe('');
  });

  it('YamlEditor marks the lines with problems', () => {
    const { container } = render(<YamlEditor value={'a: 1\nb: x\nc: 3'} onChange={() => {}} problems={[{ line: 2, message: 'b: must be a number' }, { message: 'no line' }]} />);
    const bad = container.querySelectorAll('[data-bad]');
    expect(bad).toHaveLength(1);
    expect(bad[0].getAttribute('data-line')).toBe('2');
    expect(bad[0].getAttribute('title')).toBe('b: must be a number');
    expect(container.querySelectorAll('[data-line]')).toHaveLength(3);
  });

  it('align puts series on one time axis with gaps', () => {
    expect(align([{ label: 'a', points: [[1, 10], [3, 30]] }, { label: 'b', points: [[2, 20]] }])).toEqual([
      [1, 2, 3],
      [10, null, 30],
      [null, 20, null],
    ]);
  });

  it('seriesOf keeps numeric fields of at most N devices', () => {
    const r = (id: string, t: number, v: unknown) => ({ device_id: id, device_type: 'x', timestamp: new Date(t * 1000).toISOString(), sequence: t, fields: { v, s: 'text' } });
    const readings = [r('a', 1, 1.5), r('b', 1, 2), r('c', 2, 3), r('a', 2, null)];
    expect(numericFields(readings)).toEqual(['v']);
    const s = seriesOf(readings, 'v', 2);
    expect(s.map((x) => x.label)).toEqual(['a', 'b']);
    expect(s[0].points).toEqual([
      [1, 1.5],
      [2, null],
    ]);
  });

  it('formats numbers for people', () => {
    expect(bytes(1536)).toBe('1.5 KiB');
    expect(duration(3725)).toBe('1h 2m 5s');
    expect(simTime('2026-03-14T10:23:45.000Z')).toBe('2026-03-14 10:23:45');
  });
});

// Pages against a real node.
describe('pages', () => {
  beforeAll(async () => {
    await calls.spawn({ profile: 'energy_meter', count: 12, labels: { suite: 'pages' } });
  });
  afterAll(async () => {
    await calls.stop({ selector: 'suite=pages' });
  });

  it('DevicesPage shows the node-sorted page and a live match count', async () => {
    wrap(<DevicesPage />);
    fireEvent.change(screen.getByTestId('selector'), { target: { value: 'suite=pages' } });
    await waitFor(() => expect(screen.getByTestId('match-count').textContent).toBe('12 match'), { timeout: 5000 });
    const table = screen.getByTestId('device-table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(13)); // header + 12
    expect(within(table).getAllByRole('row')[1].textContent).toMatch(/energy_meter-\d{6}energy_meterrunningcategory=/);
  });

  it('DevicesPage shows the server message for a bad selector', async () => {
    wrap(<DevicesPage />);
    fireEvent.change(screen.getByTestId('selector'), { target: { value: 'a in (' } });
    await waitFor(() => expect(screen.getAllByTestId('api-error')[0].textContent).toMatch(/^selector: .*\[selector\]$/), { timeout: 5000 });
    // the table's and the match count's queries fail separately: wait for the count's too
    await waitFor(() => expect((screen.getByTestId('stop-selection') as HTMLButtonElement).disabled).toBe(true), { timeout: 5000 });
  });

  it('FaultsPage lists a fault injected on the node', async () => {
    await calls.inject({ selector: 'suite=pages', fault_type: 'latency_spike', duration: '1h', params: { latency_ms: 40 } });
    wrap(<FaultsPage />);
    await waitFor(() => expect(screen.getByTestId('active-faults').querySelector('[data-fault=latency_spike]')?.textContent).toMatch(/latency_spike.*\b12\b.*latency_ms=40/), { timeout: 5000 });
  });
});
