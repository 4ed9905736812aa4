package io.iotsim.core.publish;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters of one publisher. Writers (device and I/O threads) never lock or allocate: adders
 * and an HdrHistogram {@link Recorder}; readers take a {@link #snapshot()}.
 */
public final class PublisherStats {

  private static final long MAX_LATENCY_MICROS = 3_600_000_000L;

  private final String protocol;
  private final LongAdder sentOk = new LongAdder();
  private final LongAdder sentError = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder reconnects = new LongAdder();
  private final Recorder latencyMicros = new Recorder(MAX_LATENCY_MICROS, 3);
  private final Histogram accumulated = new Histogram(MAX_LATENCY_MICROS, 3);
  private volatile LongSupplier queueDepth = () -> 0L;

  public PublisherStats(String protocol) {
    this.protocol = protocol;
  }

  public String protocol() {
    return protocol;
  }

  public void sentOk() {
    sentOk.increment();
  }

  /** A message delivered (or confirmed) {@code latencyNanos} after it was handed over. */
  public void sentOk(long latencyNanos) {
    sentOk.increment();
    recordLatency(latencyNanos);
  }

  public void sentOk(int messages, long latencyNanos) {
    sentOk.add(messages);
    recordLatency(latencyNanos);
  }

  public void sentError() {
    sentError.increment();
  }

  public void sentError(int messages) {
    sentError.add(messages);
  }

  public void dropped() {
    dropped.increment();
  }

  public void reconnected() {
    reconnects.increment();
  }

  public void recordLatency(long latencyNanos) {
    latencyMicros.recordValue(Math.max(0, Math.min(MAX_LATENCY_MICROS, latencyNanos / 1_000)));
  }

  /** How deep the publisher's send queue is; read on snapshot. */
  public void queueDepth(LongSupplier depth) {
    this.queueDepth = depth;
  }

  public long sentOkCount() {
    return sentOk.sum();
  }

  public long sentErrorCount() {
    return sentError.sum();
  }

  public long droppedCount() {
    return dropped.sum();
  }

  public synchronized Snapshot snapshot() {
    accumulated.add(latencyMicros.getIntervalHistogram());
    return new Snapshot(
        protocol,
        sentOk.sum(),
        sentError.sum(),
        dropped.sum(),
        reconnects.sum(),
        queueDepth.getAsLong(),
        accumulated.getTotalCount() == 0 ? 0 : accumulated.getValueAtPercentile(50) / 1000.0,
        accumulated.getTotalCount() == 0 ? 0 : accumulated.getValueAtPercentile(99) / 1000.0,
        accumulated.copy());
  }

  /** Counts since start; latencies in milliseconds over the publisher's life. */
  public record Snapshot(
      String protocol,
      long sentOk,
      long sentError,
      long dropped,
      long reconnects,
      long queueDepth,
      double latencyP50Millis,
      double latencyP99Millis,
      Histogram latencyMicros) {}
}
