package io.iotsim.core.publish.verify;

import io.iotsim.core.publish.HandOverObserver;
import io.iotsim.core.publish.QueuedReading;
import io.iotsim.core.seed.Fnv1a64;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Delivery verification by subscribing back: notes every reading a publisher takes (its payload's
 * hash, device, sequence and hand-over time) and matches what a subscriber to the same broker
 * receives against it. A payload seen twice is a duplicate, a device's reading arriving after a
 * later one of the same device is out of order, one never seen is missing; end-to-end latency runs
 * from the hand-over to the publisher until the subscriber has it.
 *
 * <p>Payloads identify readings: each carries its device id and simulated timestamp. Payloads the
 * run did not publish (another client on a shared broker) are counted as foreign and ignored.
 *
 * <p>Memory stays bounded on a node that verifies for hours: a reading not delivered within {@link
 * #MISSING_AFTER} of its hand-over is counted missing and forgotten (should it come later, it
 * counts as foreign), and duplicates are told from the last one to two {@link #GENERATION}s of
 * delivered hashes, seconds to minutes of traffic; a duplicate later than that counts as foreign.
 */
public final class DeliveryVerifier implements HandOverObserver {

  private static final long MAX_LATENCY_MICROS = 3_600_000_000L;

  /** How long a reading may take to arrive before it is counted missing and forgotten. */
  public static final Duration MISSING_AFTER = Duration.ofMinutes(2);

  /** Delivered hashes per generation; two are kept (about 56 bytes each). */
  static final int GENERATION = 500_000;

  /** Hand-overs between two looks for readings past {@link #MISSING_AFTER}. */
  private static final int EXPIRE_EVERY = 1 << 16;

  /**
   * Readings a run at speed max may hand over beyond the last one the subscriber received: the
   * subscriber keeps up that closely, so neither it nor the broker's queue for it fills.
   */
  static final long MAX_BEHIND = 10_000;

  /**
   * A subscriber that received nothing for this long no longer holds a run at speed max back: what
   * it lost is then counted missing when {@link #MISSING_AFTER} passes, not waited for.
   */
  static final Duration STALLED_AFTER = Duration.ofSeconds(2);

  /** {@code order}: the hand-over's place among all hand-overs, from 1. */
  private record Expected(String deviceId, long sequence, long handedOverNanos, long order) {}

  private final Map<Long, Expected> pending = new ConcurrentHashMap<>();
  private volatile Set<Long> delivered = ConcurrentHashMap.newKeySet();
  private volatile Set<Long> deliveredBefore = ConcurrentHashMap.newKeySet();
  private final AtomicLong handOvers = new AtomicLong();
  private final AtomicLong receivedUpTo = new AtomicLong();
  private final LongAdder expired = new LongAdder();
  private final Map<String, long[]> lastSequence = new ConcurrentHashMap<>();
  private final LongAdder expected = new LongAdder();
  private final LongAdder deliveredCount = new LongAdder();
  private final LongAdder duplicated = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder foreign = new LongAdder();
  private final Recorder latencyMicros = new Recorder(MAX_LATENCY_MICROS, 3);
  private final Histogram accumulated = new Histogram(MAX_LATENCY_MICROS, 3);
  private volatile long lastDeliveryNanos = System.nanoTime();

  @Override
  public void handedOver(QueuedReading reading) {
    expected.increment();
    long order = handOvers.incrementAndGet();
    pending.put(
        Fnv1a64.hash(reading.payload()),
        new Expected(reading.deviceId(), reading.sequence(), reading.handedOverNanos(), order));
    if ((order & (EXPIRE_EVERY - 1)) == 0) {
      expire(System.nanoTime() - MISSING_AFTER.toNanos());
    }
  }

  /**
   * How many more readings a run at speed max may hand over: {@link #MAX_BEHIND} less how far the
   * subscriber is behind the latest hand-over. Behind is measured from the latest reading it
   * received, so a reading the broker lost does not hold the run until it is counted missing. A
   * subscriber stalled for {@link #STALLED_AFTER} (disconnected) holds nothing back.
   */
  public long room() {
    return room(System.nanoTime());
  }

  long room(long nowNanos) {
    if (nowNanos - lastDeliveryNanos > STALLED_AFTER.toNanos()) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, MAX_BEHIND - (handOvers.get() - receivedUpTo.get()));
  }

  /** Counts as missing, and forgets, every reading handed over before {@code cutoffNanos}. */
  void expire(long cutoffNanos) {
    pending
        .entrySet()
        .removeIf(
            e -> {
              boolean late = e.getValue().handedOverNanos() - cutoffNanos < 0;
              if (late) {
                expired.increment();
              }
              return late;
            });
  }

  /** A message the subscriber received; called from the subscriber's thread(s). */
  public void received(byte[] payload) {
    long now = System.nanoTime();
    long hash = Fnv1a64.hash(payload);
    Expected e = pending.remove(hash);
    if (e == null) {
      if (delivered.contains(hash) || deliveredBefore.contains(hash)) {
        duplicated.increment();
      } else {
        foreign.increment();
      }
      return;
    }
    remember(hash);
    receivedUpTo.accumulateAndGet(e.order(), Math::max);
    deliveredCount.increment();
    lastDeliveryNanos = now;
    latencyMicros.recordValue(
        Math.max(0, Math.min(MAX_LATENCY_MICROS, (now - e.handedOverNanos()) / 1_000)));
    long[] last = lastSequence.computeIfAbsent(e.deviceId(), d -> new long[] {Long.MIN_VALUE});
    synchronized (last) {
      if (e.sequence() < last[0]) {
        outOfOrder.increment();
      } else {
        last[0] = e.sequence();
      }
    }
  }

  private void remember(long hash) {
    Set<Long> now = delivered;
    now.add(hash);
    if (now.size() > GENERATION) {
      synchronized (this) {
        if (delivered == now) {
          deliveredBefore = now;
          delivered = ConcurrentHashMap.newKeySet();
        }
      }
    }
  }

  /**
   * Waits until every reading taken so far was delivered, or no delivery came for {@code quiet}, or
   * {@code atMost} passed: what is still missing then is missing.
   */
  public void awaitSettled(Duration quiet, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!pending.isEmpty()
        && System.nanoTime() < deadline
        && System.nanoTime() - lastDeliveryNanos < quiet.toNanos()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  /** The figures so far; latencies over the whole run. */
  public synchronized VerificationReport report() {
    accumulated.add(latencyMicros.getIntervalHistogram());
    return new VerificationReport(
        expected.sum(),
        deliveredCount.sum(),
        pending.size() + expired.sum(),
        duplicated.sum(),
        outOfOrder.sum(),
        foreign.sum(),
        accumulated.copy());
  }
}
