// Starts a real node through the launcher (./iot-sim node) on free ports, with null output, and
// stops it. Used by the Vitest global setup and the browser tests.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A ready node: { url, stop(), log() }. `env`: more environment (e.g. IOT_SIM_API_TOKEN). */
export async function startNode({ maxDevices = 200000, speed = '1', extra = [], javaOpts, env: more = {} } = {}) {
  const [http, grpc, remote] = [await freePort(), await freePort(), await freePort()];
  const args = ['node', `--http-port=${http}`, `--grpc-port=${grpc}`, `--remote-port=${remote}`, '--management-port=0', '--output=null', `--max-devices=${maxDevices}`, `--speed=${speed}`, '--master-seed=42', ...extra];
  const env = { ...process.env, ...more };
  if (javaOpts) env.JAVA_OPTS = javaOpts;
  const child = spawn(path.join(repo, 'iot-sim'), args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (d) => (out = (out + d).slice(-20000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-20000)));
  const url = `http://127.0.0.1:${http}`;
  const deadline = Date.now() + 300_000; // the launcher may build the jar first
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the node exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the node did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    log: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        // The launcher execs java: the child's pid is the JVM's.
        process.kill(child.pid, 'SIGTERM');
        setTimeout(() => child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 15000).unref();
      }),
  };
}
