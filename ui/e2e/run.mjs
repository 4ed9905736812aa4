// End-to-end tests of the dashboard in real headless Chromium against a real node (null output).
//   node e2e/run.mjs            the functional tests (+ screenshots in test-results/)
//   node e2e/run.mjs --perf     also the 100,000-device / 20,000 readings/s responsiveness test
//   node e2e/run.mjs --perf-only  only that one; --shots-only: only the screenshots
// IOT_SIM_URL points them at a running node instead of starting one.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode } from './node.mjs';
import { launch, openPage } from './browser.mjs';
import { functionalTests, screenshots } from './functional.mjs';
import { perfTest } from './perf.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const results = path.resolve(here, '../test-results');
mkdirSync(results, { recursive: true });

const perfOnly = process.argv.includes('--perf-only');
const perf = perfOnly || process.argv.includes('--perf');
const node = process.env.IOT_SIM_URL ? { url: process.env.IOT_SIM_URL, stop: async () => {}, log: () => '' } : await startNode({ javaOpts: perf ? '-Xmx3g' : undefined });
const browser = await launch();
const report = [];
let failed = 0;

async function test(name, fn, { allow = [] } = {}) {
  const started = Date.now();
  const { page, errors } = await openPage(browser.context);
  try {
    const detail = await fn(page, node.url);
    const unexpected = errors.filter((e) => !allow.some((a) => a.test(e)));
    if (unexpected.length) throw new Error(`console errors:\n  ${unexpected.join('\n  ')}`);
    report.push(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? ` — ${detail}` : ''}`);
  } catch (e) {
    failed++;
    await page.screenshot({ path: path.join(results, `FAILED-${name.replace(/\W+/g, '_')}.png`) }).catch(() => {});
    report.push(`FAIL ${name}: ${e.stack ?? e}`);
  } finally {
    console.log(report[report.length - 1]);
    await page.close();
  }
}

try {
  if (process.argv.includes('--shots-only')) await screenshots(test, node.url, results);
  else if (!perfOnly) await functionalTests(test, node.url, results);
  if (perf) await test('perf: 100,000 devices, 20,000 readings/s, telemetry page stays responsive', (page, url) => perfTest(page, url, results));
} finally {
  await browser.close();
  await node.stop();
  writeFileSync(path.join(results, 'e2e-report.txt'), report.join('\n') + '\n');
}
if (failed) {
  console.error(`${failed} browser test(s) failed; node log tail:\n${node.log().slice(-3000)}`);
  process.exit(1);
}
console.log(`all ${report.length} browser tests passed`);
