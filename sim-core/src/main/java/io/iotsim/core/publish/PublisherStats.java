package io.iotsim.core.publish;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters of one publisher. Writers (device and I/O threads) never lock or allocate: adders and an
 * HdrHistogram {@link Recorder}; readers take a {@link #snapshot()}.
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

  /** Outcomes by the device type of the reading, where the adapter knows it: {ok, error}. */
  private final ConcurrentHashMap<String, LongAdder[]> byType = new ConcurrentHashMap<>();

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

  /**
   * A reading of {@code deviceType} delivered: counted for that type too, so a type's figures are
   * its own even when types share the publisher.
   */
  public void sentOk(String deviceType, long latencyNanos) {
    // only here, not also in the total: a snapshot sums them, so its total and parts agree
    of(deviceType)[0].increment();
    recordLatency(latencyNanos);
  }

  /** A reading of {@code deviceType} that failed, counted for that type too. */
  public void sentError(String deviceType) {
    of(deviceType)[1].increment();
  }

  private LongAdder[] of(String deviceType) {
    LongAdder[] adders = byType.get(deviceType);
    return adders != null
        ? adders
        : byType.computeIfAbsent(
            deviceType, t -> new LongAdder[] {new LongAdder(), new LongAdder()});
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
    return sentOk.sum() + typedSum(0);
  }

  public long sentErrorCount() {
    return sentError.sum() + typedSum(1);
  }

  private long typedSum(int outcome) {
    long sum = 0;
    for (LongAdder[] adders : byType.values()) {
      sum += adders[outcome].sum();
    }
    return sum;
  }

  public long droppedCount() {
    return dropped.sum();
  }

  public synchronized Snapshot snapshot() {
    accumulated.add(latencyMicros.getIntervalHistogram());
    Map<String, TypeCounts> typed = typed();
    return new Snapshot(
        protocol,
        sentOk.sum() + typed.values().stream().mapToLong(TypeCounts::sentOk).sum(),
        sentError.sum() + typed.values().stream().mapToLong(TypeCounts::sentError).sum(),
        dropped.sum(),
        reconnects.sum(),
        queueDepth.getAsLong(),
        accumulated.getTotalCount() == 0 ? 0 : accumulated.getValueAtPercentile(50) / 1000.0,
        accumulated.getTotalCount() == 0 ? 0 : accumulated.getValueAtPercentile(99) / 1000.0,
        accumulated.copy(),
        typed);
  }

  private Map<String, TypeCounts> typed() {
    Map<String, TypeCounts> out = new TreeMap<>();
    byType.forEach((type, a) -> out.put(type, new TypeCounts(a[0].sum(), a[1].sum())));
    return out;
  }

  /** The outcomes counted for one device type (a part of the publisher's totals). */
  public record TypeCounts(long sentOk, long sentError) {}

  /**
   * Counts since start; latencies in milliseconds over the publisher's life. {@code byType} holds
   * the part of {@code sentOk} and {@code sentError} that adapters counted per device type.
   */
  public record Snapshot(
      String protocol,
      long sentOk,
      long sentError,
      long dropped,
      long reconnects,
      long queueDepth,
      double latencyP50Millis,
      double latencyP99Millis,
      Histogram latencyMicros,
      Map<String, TypeCounts> byType) {}
}
