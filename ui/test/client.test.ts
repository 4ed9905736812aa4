// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, calls, query } from '../src/api/client';
import { parseLabels, formatLabels } from '../src/components/labels';

// The API client against a real node: the generated types and the server agree, and every
// refusal reaches the caller as the server's own message.
describe('api client', () => {
  beforeAll(async () => {
    await calls.spawn({ profile: 'smart_lock', count: 30, labels: { suite: 'client' } });
    await calls.spawn({ profile: 'temperature_sensor', count: 20, labels: { suite: 'client' } });
  });
  afterAll(async () => {
    await calls.stop({ selector: 'suite=client' });
  });

  it('reads the runtime status', async () => {
    const s = await calls.status();
    expect(s.active_devices).toBeGreaterThanOrEqual(50);
    expect(s.node_address).toMatch(/^pekko:\/\//);
    expect(s.ready).toBe(true);
  });

  it('pages, filters and sorts the device table on the node', async () => {
    const page = await calls.table({ selector: 'suite=client', sort: 'type', order: 'desc', offset: 5, limit: 10 });
    expect(page.total).toBe(50);
    expect(page.offset).toBe(5);
    expect(page.devices).toHaveLength(10);
    // descending by type: temperature_sensor (20) before smart_lock (30); offset 5 of 20
    expect(page.devices.map((d) => d.device_type)).toEqual(Array(10).fill('temperature_sensor'));
    expect(page.devices[0].node).toMatch(/^pekko:\/\//);
    const locks = await calls.table({ selector: 'suite=client', type: 'smart_lock', limit: 100 });
    expect(locks.total).toBe(30);
    expect(locks.devices.map((d) => d.device_id)).toEqual([...locks.devices.map((d) => d.device_id)].sort());
  });

  it('counts a selection', async () => {
    const f = await calls.fleet('suite=client,device_type=smart_lock');
    expect(f.total_devices).toBe(30);
  });

  it('throws the server message and field for a bad selector', async () => {
    const e = await calls.fleet('suite in (').catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.field).toBe('selector');
    expect(e.message).toMatch(/^selector: /);
  });

  it('throws the server message for a bad sort', async () => {
    // @ts-expect-error a value the types forbid, as a hand-written URL could send it
    const e = await calls.table({ sort: 'labels' }).catch((x) => x);
    expect(e).toMatchObject({ status: 400, field: 'sort', message: "sort: must be id, type or state (got 'labels')" });
  });

  it('validates a scenario with line numbers', async () => {
    const bad = await calls.validate('name: t\nsteps:\n  - wait: 5s\n  - spawn: {profile: nope_profile, count: 1}\n');
    expect(bad.valid).toBe(false);
    expect(bad.problems[0].line).toBe(4);
    const good = await calls.validate('name: t\nsteps:\n  - wait: 5s\n');
    expect(good).toMatchObject({ valid: true, name: 't', steps_total: 1, planned_seconds: 5 });
  });

  it('lists the shipped scenarios', async () => {
    const files = await calls.scenarioFiles();
    expect(files.map((f) => f.name)).toContain('firmware_rollout');
  });

  it('reports an unreachable node as ApiError', async () => {
    const { connectTo } = await import('../src/api/client');
    const { inject } = await import('vitest');
    connectTo('http://127.0.0.1:1');
    try {
      await expect(calls.status()).rejects.toMatchObject({ name: 'ApiError', status: 0 });
    } finally {
      connectTo(inject('nodeUrl'));
    }
  });

  it('builds query strings without empty values', () => {
    expect(query({ a: 'x y', b: '', c: undefined, d: 3 })).toBe('?a=x+y&d=3');
    expect(query({})).toBe('');
  });

  it('parses labels and names a bad one', () => {
    expect(parseLabels(' site=berlin, floor = 2 ,')).toEqual({ site: 'berlin', floor: '2' });
    expect(() => parseLabels('site')).toThrow("labels: 'site' is not key=value");
    expect(formatLabels({ a: '1', b: '2' })).toBe('a=1, b=2');
  });
});
