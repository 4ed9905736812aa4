import type { Series } from './TimeChart';

export interface Reading {
  device_id: string;
  device_type: string;
  timestamp: string;
  sequence: number;
  fields: Record<string, unknown>;
  labels?: Record<string, string>;
}

/** The numeric fields of some readings, in first-seen order. */
export function numericFields(readings: Reading[]): string[] {
  const out = new Set<string>();
  for (const r of readings) for (const [k, v] of Object.entries(r.fields)) if (typeof v === 'number') out.add(k);
  return [...out];
}

/** One series per device of `field` over the readings' simulated time, at most `maxDevices`. */
export function seriesOf(readings: Reading[], field: string, maxDevices = 10): Series[] {
  const by = new Map<string, [number, number | null][]>();
  for (const r of readings) {
    let pts = by.get(r.device_id);
    if (!pts) {
      if (by.size >= maxDevices) continue;
      pts = [];
      by.set(r.device_id, pts);
    }
    const v = r.fields[field];
    pts.push([Date.parse(r.timestamp) / 1000, typeof v === 'number' ? v : null]);
  }
  return [...by.entries()].map(([label, points]) => ({ label, points: points.sort((a, b) => a[0] - b[0]) }));
}
