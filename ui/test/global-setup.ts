import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM helper shared with the browser tests
import { startNode } from '../e2e/node.mjs';

/** The node the tests talk to: IOT_SIM_URL, or a fresh one started through ./iot-sim node. */
export default async function setup(project: TestProject) {
  if (process.env.IOT_SIM_URL) {
    project.provide('nodeUrl', process.env.IOT_SIM_URL);
    return;
  }
  const node = await startNode({ maxDevices: 5000 });
  project.provide('nodeUrl', node.url);
  return () => node.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    nodeUrl: string;
  }
}
