import { inject } from 'vitest';
import { EventSource } from 'eventsource';
import { connectTo } from '../src/api/client';

// jsdom has no EventSource, matchMedia or ResizeObserver; the eventsource package is a real SSE
// client (over fetch), the other two only answer "no" and do nothing.
(globalThis as unknown as { EventSource: unknown }).EventSource = EventSource;
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
}
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

connectTo(inject('nodeUrl'));

// Testing Library unmounts after each test only with Vitest globals on; do it here.
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
afterEach(() => cleanup());
