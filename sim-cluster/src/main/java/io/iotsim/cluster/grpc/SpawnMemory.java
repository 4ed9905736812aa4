package io.iotsim.cluster.grpc;

import io.iotsim.proto.simulator.v1.SpawnDevicesResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the node answered to each spawn request id, for a while: a client that lost the answer
 * (connection cut, node busy) retries with the same id and gets the first answer instead of a
 * second batch. A repeat that arrives while the first is still spawning joins it. Bounded in size
 * and in time; a spawn that failed is forgotten, so its retry runs again.
 */
final class SpawnMemory {

  private record Entry(CompletableFuture<SpawnDevicesResponse> answer, long bornNanos) {}

  private final int capacity;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  // Insertion order = age order: the eldest is evicted first.
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  SpawnMemory(int capacity, Duration ttl) {
    this(capacity, ttl, System::nanoTime);
  }

  SpawnMemory(int capacity, Duration ttl, LongSupplier nanoTime) {
    if (capacity < 1) {
      throw new IllegalArgumentException("spawn request memory capacity must be >= 1");
    }
    this.capacity = capacity;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * The answer remembered for {@code requestId}, or the outcome of {@code spawn} (run at most once
   * per remembered id). An empty id is not remembered.
   */
  CompletionStage<SpawnDevicesResponse> once(
      String requestId, Supplier<CompletionStage<SpawnDevicesResponse>> spawn) {
    if (requestId.isEmpty()) {
      return spawn.get();
    }
    CompletableFuture<SpawnDevicesResponse> mine = new CompletableFuture<>();
    synchronized (this) {
      long now = nanoTime.getAsLong();
      expire(now);
      Entry known = entries.get(requestId);
      if (known != null) {
        return known.answer();
      }
      entries.put(requestId, new Entry(mine, now));
      while (entries.size() > capacity) {
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    CompletionStage<SpawnDevicesResponse> outcome;
    try {
      outcome = spawn.get();
    } catch (RuntimeException e) {
      forget(requestId, mine);
      mine.completeExceptionally(e);
      return mine;
    }
    outcome.whenComplete(
        (r, e) -> {
          if (e != null) {
            forget(requestId, mine);
            mine.completeExceptionally(e);
          } else {
            mine.complete(r);
          }
        });
    return mine;
  }

  synchronized int size() {
    return entries.size();
  }

  private synchronized void forget(String requestId, CompletableFuture<SpawnDevicesResponse> f) {
    Entry e = entries.get(requestId);
    if (e != null && e.answer() == f) {
      entries.remove(requestId);
    }
  }

  private void expire(long now) {
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (now - e.bornNanos() < ttlNanos) {
        return;
      }
      it.remove();
    }
  }
}
