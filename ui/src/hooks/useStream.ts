import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { nodeUrl } from '../api/client';
import { authHeaders, getToken, refused, subscribeToken, tokenGeneration, withAccessToken } from '../api/token';

export interface StreamState<T> {
  /** The newest items, at most `max`, oldest first. */
  items: T[];
  connected: boolean;
  /** The server's message when it refused the stream (e.g. a bad selector). */
  error?: string;
  /** Readings the node dropped because this client read too slowly (the `dropped` events). */
  dropped: number;
  /** Readings the node skipped to keep to max_rate (the `sampled` events). */
  skipped: number;
  received: number;
}

const EMPTY: StreamState<never> = { items: [], connected: false, dropped: 0, skipped: 0, received: 0 };

/**
 * An SSE stream kept in a bounded buffer and handed to React at most every `flushMs`: thousands of
 * events a second cost one render a tick, never one per event. `url` null disconnects.
 */
export function useStream<T>(url: string | null, max: number, flushMs = 250, onBatch?: (batch: T[]) => void): StreamState<T> {
  const [state, setState] = useState<StreamState<T>>(EMPTY);
  const batchRef = useRef(onBatch);
  batchRef.current = onBatch;
  // a new token (entered in the token dialog) reconnects the stream with it; a refused one being
  // dropped does not (the stream has stopped on the refusal)
  const generation = useSyncExternalStore(subscribeToken, tokenGeneration);

  useEffect(() => {
    if (!url) {
      setState((s) => ({ ...s, connected: false }));
      return;
    }
    let pending: T[] = [];
    let dropped = 0;
    let skipped = 0;
    let received = 0;
    let items: T[] = [];
    let connected = false;
    let error: string | undefined;
    let closed = false;
    setState({ ...EMPTY });
    // EventSource cannot send a header: the token goes as access_token (SSE routes only)
    const token = getToken();
    const source = new EventSource(withAccessToken(nodeUrl(url)));
    source.onopen = () => {
      connected = true;
      error = undefined;
    };
    source.onmessage = (e) => {
      pending.push(JSON.parse(e.data) as T);
      if (pending.length > max * 4) pending = pending.slice(-max);
      received++;
    };
    source.addEventListener('dropped', (e) => {
      dropped += (JSON.parse((e as MessageEvent).data) as { dropped: number }).dropped;
    });
    source.addEventListener('sampled', (e) => {
      skipped += (JSON.parse((e as MessageEvent).data) as { skipped: number }).skipped;
    });
    source.onerror = () => {
      connected = false;
      // EventSource hides the answer: ask once more to show the server's own message.
      fetch(nodeUrl(url), { headers: { Accept: 'text/event-stream', ...authHeaders() } })
        .then(async (r) => {
          if (!r.ok) {
            const body = (await r.json().catch(() => ({}))) as { error?: string };
            error = body.error ?? `HTTP ${r.status}`;
            source.close();
            if (r.status === 401) refused(token, error);
          } else {
            await r.body?.cancel();
          }
        })
        .catch(() => {
          error = 'the node does not answer; retrying';
        });
    };
    const timer = setInterval(() => {
      if (closed) return;
      if (pending.length) {
        batchRef.current?.(pending);
        items = items.concat(pending);
        if (items.length > max) items = items.slice(items.length - max);
        pending = [];
      }
      setState({ items, connected, error, dropped, skipped, received });
    }, flushMs);
    return () => {
      closed = true;
      clearInterval(timer);
      source.close();
    };
  }, [url, max, flushMs, generation]);

  return state;
}
