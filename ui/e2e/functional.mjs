// The issue's "what must be shown", page by page, each checked against the node's REST answers.
import assert from 'node:assert/strict';
import path from 'node:path';

const PAGES = ['/', '/devices', '/telemetry', '/scenarios', '/faults'];

async function rest(url, p, body, method) {
  const r = await fetch(url + p, body === undefined ? { method: method ?? 'GET' } : { method: method ?? 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await r.json();
  return { status: r.status, json };
}

async function eventually(what, fn, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v !== false && v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const digits = (s) => Number(String(s).replace(/[^0-9]/g, ''));

/** A MUI select: open it by the hidden input's test id, pick the option with that value. */
async function pick(page, testId, value) {
  await page.locator(`.MuiInputBase-root:has([data-testid="${testId}"]) [role="combobox"]`).click();
  await page.locator(`li[role="option"][data-value="${value}"]`).click();
}

export async function functionalTests(test, url, results) {
  await test('devices: spawning 100 through the form shows them in the table', async (page) => {
    const before = (await rest(url, '/api/v1/devices/status')).json.total_devices;
    await page.goto(url + '/devices');
    await pick(page, 'spawn-profile', 'temperature_sensor');
    await page.locator('[data-testid=profile-preview]').getByText('temperature').first().waitFor();
    await page.fill('[data-testid=spawn-count]', '100');
    await page.fill('[data-testid=spawn-labels]', 'site=e2e, floor=3');
    await page.click('[data-testid=spawn-submit]');
    await page.locator('[data-testid=spawn-result]').waitFor({ timeout: 15000 });
    await page.fill('[data-testid=selector]', 'site=e2e');
    await eventually('match count 100', async () => (await page.textContent('[data-testid=match-count]')).trim() === '100 match');
    await eventually('100 rows over the pages', async () => /of 100\b/.test(await page.textContent('[data-testid=pagination]')));
    const rows = await page.locator('[data-testid=device-table] tbody tr').count();
    assert.equal(rows, 25, 'first page of 25');
    const first = await page.locator('[data-testid=device-table] tbody tr').first().textContent();
    assert.match(first, /temperature_sensor-\d{6}.*running.*site=e2e/);
    assert.match(first, /pekko:\/\//, 'node column');
    // server-side sort: one click on id turns it descending (the newest first), another back
    const q = '/api/v1/devices/table?selector=site%3De2e&limit=1';
    const newest = (await rest(url, q + '&order=desc')).json.devices[0].device_id;
    const oldest = (await rest(url, q)).json.devices[0].device_id;
    const firstRow = () => page.locator('[data-testid=device-table] tbody tr').first().textContent();
    await page.click('[data-testid=sort-id]');
    await eventually('descending sort', async () => (await firstRow()).includes(newest));
    await page.click('[data-testid=sort-id]');
    await eventually('ascending sort', async () => (await firstRow()).includes(oldest));
    // the drawer: spec, live readings, a chart per numeric field
    await page.locator('[data-testid=device-table] tbody tr').first().click();
    await page.locator('[data-testid=device-drawer]').waitFor();
    await eventually('drawer readings', async () => (await page.locator('[data-testid=device-readings] tr').count()) > 0, 15000);
    await page.locator('[data-testid=device-drawer] .uplot').first().waitFor();
    const after = (await rest(url, '/api/v1/devices/status')).json.total_devices;
    assert.equal(after, before + 100);
    return `table total 100, sorted desc and asc, drawer shows ${oldest}'s readings`;
  });

  await test('dashboard: the numbers match the REST status', async (page) => {
    await page.goto(url + '/');
    const checked = await eventually(
      'dashboard equals /devices/status and /status',
      async () => {
        const fleet = (await rest(url, '/api/v1/devices/status')).json;
        const status = (await rest(url, '/api/v1/status')).json;
        const total = digits(await page.textContent('[data-stat=total]'));
        const running = digits(await page.textContent('[data-stat=running]'));
        const members = await page.locator(`[data-member="${status.node_address}"]`).count();
        const protocols = await page.locator('[data-protocol]').count();
        const rate = await page.textContent('[data-stat=rate]');
        if (total !== fleet.total_devices || running !== (fleet.by_state.running ?? 0) || members !== 1 || protocols !== status.protocols.length || rate === '…') return false;
        return `total ${total}, running ${running}, ${protocols} protocol(s), readings/s ${rate}`;
      },
      15000,
    );
    await page.locator('[data-stat=rate] ~ div .uplot, .uplot').first().waitFor();
    return checked;
  });

  await test('telemetry: rows within 5 s and the chart draws', async (page) => {
    await page.goto(url + '/telemetry');
    await page.fill('[data-testid=stream-selector]', 'site=e2e');
    const t0 = Date.now();
    await page.click('[data-testid=connect]');
    await page.locator('[data-testid=telemetry-rows] tr').first().waitFor({ timeout: 5000 });
    const ms = Date.now() - t0;
    await eventually('chart with drawn pixels', () =>
      page.evaluate(() => {
        const c = document.querySelector('.uplot canvas');
        if (!c) return false;
        const ctx = c.getContext('2d');
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++;
        return painted > 500;
      }),
    );
    const rows = await page.locator('[data-testid=telemetry-rows] tr').count();
    assert.ok(rows <= 500);
    await page.click('[data-testid=disconnect]');
    return `first row after ${ms} ms, ${rows} rows, chart drawn`;
  });

  await test('faults: an injected fault shows among the active faults and in the events', async (page) => {
    await page.goto(url + '/faults');
    await pick(page, 'fault-type', 'latency_spike');
    await page.fill('[data-testid=fault-selector]', 'site=e2e');
    await page.fill('[data-testid=fault-duration]', '10m');
    await page.fill('[data-testid=fault-params]', 'latency_ms=321');
    await page.click('[data-testid=inject]');
    await page.locator('[data-testid=inject-result]').waitFor();
    assert.match(await page.textContent('[data-testid=inject-result]'), /100 device/);
    const row = page.locator('[data-testid=active-faults] [data-fault=latency_spike]', { hasText: 'latency_ms=321' });
    await eventually('the fault on 100 devices', async () => (await row.locator('td').nth(1).textContent()) === '100', 5000);
    const active = (await rest(url, '/api/v1/faults/active')).json.faults.find((f) => f.fault_type === 'latency_spike' && f.params.latency_ms === '321');
    assert.ok(active && active.devices === 100 && active.remaining_seconds > 500);
    await page.locator('[data-testid=events] [data-event=fault_injected]').first().waitFor({ timeout: 5000 });
    return `active: ${active.devices} devices, ${Math.round(active.remaining_seconds)} s left`;
  });

  await test('scenarios: a scenario runs to success with its progress shown', async (page) => {
    await page.goto(url + '/scenarios');
    await page.locator('[data-scenario]').first().waitFor();
    const yaml = 'name: e2e_small\nsteps:\n  - spawn: {profile: temperature_sensor, count: 5, labels: {scn: e2e}}\n  - wait: 20s\n  - log: halfway\n  - wait: 20s\n  - stop: scn=e2e\n';
    // a bad one first: its problem is marked at its line
    await page.fill('[data-testid=yaml]', yaml.replace('wait: 20s', 'wait: soon'));
    await page.locator('[data-testid=problems]').waitFor();
    assert.match(await page.textContent('[data-testid=problems]'), /line 4: steps\[1\]\.wait/);
    assert.equal(await page.locator('[data-line="4"][data-bad]').count(), 1);
    await page.fill('[data-testid=yaml]', yaml);
    await eventually('valid', async () => /valid: e2e_small, 5 steps/.test(await page.textContent('[data-testid=validation]')));
    await pick(page, 'speed', '10');
    await page.click('[data-testid=run]');
    const job = page.locator('[data-testid=jobs] tbody tr').first();
    await eventually('running with progress', async () => /running/.test(await job.textContent()) && /\d\/5 steps/.test(await job.textContent()), 10000);
    await eventually('succeeded', async () => (await job.getAttribute('data-state')) === 'succeeded', 30000);
    assert.match(await job.textContent(), /5\/5 steps/);
    await rest(url, '/api/v1/clock', { speed: '1' }, 'PUT');
    return 'e2e_small: running -> succeeded, 5/5 steps';
  });

  await test(
    'devices: a bad selector shows the server message',
    async (page) => {
      await page.goto(url + '/devices');
      await page.fill('[data-testid=selector]', 'site in (');
      const server = (await rest(url, '/api/v1/devices/status?selector=' + encodeURIComponent('site in ('))).json.error;
      await page.locator('[data-testid=api-error]').first().waitFor();
      const shown = await page.textContent('[data-testid=api-error]');
      assert.ok(shown.includes(server), `shown "${shown}", server says "${server}"`);
      return `"${server}"`;
    },
    { allow: [/status of 400/] },
  );

  await test('devices: stop by selector lowers the count', async (page) => {
    await page.goto(url + '/devices');
    const before = (await rest(url, '/api/v1/devices/status')).json.total_devices;
    await page.fill('[data-testid=selector]', 'site=e2e');
    await eventually('100 match', async () => (await page.textContent('[data-testid=match-count]')).trim() === '100 match');
    await page.click('[data-testid=stop-selection]');
    await eventually('stopped', async () => /stop: 100 device/.test(await page.textContent('[data-testid=action-result]')));
    await eventually('0 match', async () => (await page.textContent('[data-testid=match-count]')).trim() === '0 match');
    await page.locator('[data-testid=empty]').waitFor();
    const after = (await rest(url, '/api/v1/devices/status')).json.total_devices;
    assert.equal(after, before - 100);
    await page.goto(url + '/');
    await eventually('dashboard total lowered', async () => digits(await page.textContent('[data-stat=total]')) === after);
    return `${before} -> ${after}`;
  });

  await screenshots(test, url, results);
}

/** Every page at both widths (test-results/PAGE-WIDTH.png): no sideways scrolling, no console errors. */
export async function screenshots(test, url, results) {
  await test('every page at 1280x800 and 390 px, without console errors', async (page) => {
    // something to show: a small fleet with labels, a fault and a finished scenario exist by now
    await rest(url, '/api/v1/devices/spawn', { profile: 'smart_lock', count: 40, labels: { site: 'berlin' } });
    await rest(url, '/api/v1/devices/spawn', { profile: 'energy_meter', count: 60, labels: { site: 'paris' } });
    await rest(url, '/api/v1/devices/spawn', {
      profile_inline: { type: 'lab_sensor', telemetry_interval: '1s', telemetry_fields: { temperature: { type: 'brownian', start: 21, volatility: 0.3, min: 15, max: 30, precision: 2 }, ok: { type: 'static', value: true } } },
      count: 10,
      labels: { site: 'lab' },
    });
    await rest(url, '/api/v1/faults', { selector: 'site=berlin', fault_type: 'disconnect', duration: '30m', params: { reason: 'maintenance' } });
    await rest(url, '/api/v1/scenarios', { source: 'name: warm_up\nsteps:\n  - log: warming up\n  - wait: 1s\n  - log: ready\n' });
    const shots = [];
    for (const [w, h] of [
      [1280, 800],
      [390, 844],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      for (const p of PAGES) {
        await page.goto(url + p);
        await page.waitForLoadState('networkidle').catch(() => {});
        if (p === '/telemetry') {
          await page.fill('[data-testid=stream-type]', 'lab_sensor');
          await page.click('[data-testid=connect]');
          await page.locator('[data-testid=telemetry-rows] tr').nth(5).waitFor({ timeout: 10000 });
          await page.waitForTimeout(8000);
        } else if (p === '/faults') {
          // once the event feed is open, a fault of a kind not yet on these devices (one per width)
          await page.getByText('connected', { exact: true }).waitFor();
          const fault = w === 1280 ? { fault_type: 'latency_spike', params: { latency_ms: 250 } } : { fault_type: 'data_corruption', params: { corruption_rate: 0.1 } };
          await rest(url, '/api/v1/faults', { selector: 'site=paris', duration: '20m', ...fault });
          await page.locator('[data-testid=events] [data-event=fault_injected]').nth(3).waitFor();
          await page.waitForTimeout(1500);
        } else if (p === '/devices') {
          await page.locator('[data-testid=device-table] tbody tr').first().waitFor();
        } else {
          await page.waitForTimeout(2500);
        }
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= w + 1, `${p} at ${w}px scrolls sideways (${scrollWidth}px)`);
        const file = path.join(results, `${p === '/' ? 'dashboard' : p.slice(1)}-${w}.png`);
        await page.screenshot({ path: file });
        shots.push(path.basename(file));
      }
    }
    return shots.join(', ');
  });
}
