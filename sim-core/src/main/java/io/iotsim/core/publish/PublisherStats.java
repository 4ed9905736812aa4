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
  private final LongAdder handedOver = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder droppedDisconnected = new LongAdder();
  private final LongAdder droppedShutdown = new LongAdder();
  private volatile LongSupplier connected = () -> 0L;
  private volatile LongSupplier connecting = () -> 0L;
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

  /** A reading dropped because the send queue was full (drop-oldest or refused). */
  public void dropped() {
    dropped.increment();
  }

  /**
   * A reading dropped for {@code reason}; {@link DropReason#ERROR} is what {@link #sentError()}
   * counts, so it is not taken here.
   */
  public void dropped(DropReason reason) {
    switch (reason) {
      case QUEUE_FULL -> dropped.increment();
      case DISCONNECTED -> droppedDisconnected.increment();
      case SHUTDOWN -> droppedShutdown.increment();
      case ERROR -> sentError.increment();
    }
  }

  /** A device handed a reading to this publisher (whatever became of it). */
  public void handedOver() {
    handedOver.increment();
  }

  /** A sent reading the far end acknowledged (MQTT QoS 1/2, AMQP confirm, HTTP 2xx, CoAP ACK). */
  public void acknowledged() {
    acknowledged.increment();
  }

  /** Connections up and connections being opened (per-device modes count one per device). */
  public void connections(LongSupplier connected, LongSupplier connecting) {
    this.connected = connected;
    this.connecting = connecting;
  }

  public long handedOverCount() {
    return handedOver.sum();
  }

  /** Every drop, whatever the reason, including send errors. */
  public long lostCount() {
    return dropped.sum() + droppedDisconnected.sum() + droppedShutdown.sum() + sentErrorCount();
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
        typed,
        handedOver.sum(),
        acknowledged.sum(),
        droppedDisconnected.sum(),
        droppedShutdown.sum(),
        connected.getAsLong(),
        connecting.getAsLong());
  }

  private Map<String, TypeCounts> typed() {
    Map<String, TypeCounts> out = new TreeMap<>();
    byType.forEach((type, a) -> out.put(type, new TypeCounts(a[0].sum(), a[1].sum())));
    return out;
  }

  /** The outcomes counted for one device type (a part of the publisher's totals). */
  public record TypeCounts(long sentOk, long sentError) {}

  /** Why a reading did not reach the wire; the label of {@code sim_messages_dropped_total}. */
  public enum DropReason {
    QUEUE_FULL("queue_full"),
    DISCONNECTED("disconnected"),
    ERROR("error"),
    SHUTDOWN("shutdown");

    private final String label;

    DropReason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Counts since start; latencies in milliseconds over the publisher's life. {@code byType} holds
   * the part of {@code sentOk} and {@code sentError} that adapters counted per device type.
   *
   * <p>The books balance: {@code generated = sentOk + dropped + droppedDisconnected + sentError +
   * droppedShutdown + inFlight()}. {@code sentOk} counts what went out ({@code acknowledged} the
   * part the far end confirmed); {@code dropped} is the queue-full count, {@code sentError} the
   * encode/transport errors, {@code droppedShutdown} what the drain at close could not send.
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
      Map<String, TypeCounts> byType,
      long generated,
      long acknowledged,
      long droppedDisconnected,
      long droppedShutdown,
      long connected,
      long connecting) {

    /** Readings lost for any reason. */
    public long lost() {
      return dropped + droppedDisconnected + droppedShutdown + sentError;
    }

    /** Taken and neither sent nor lost yet (still queued or unacknowledged). */
    public long inFlight() {
      return Math.max(0, generated - sentOk - lost());
    }

    /** The count for one {@link DropReason}. */
    public long dropped(DropReason reason) {
      return switch (reason) {
        case QUEUE_FULL -> dropped;
        case DISCONNECTED -> droppedDisconnected;
        case ERROR -> sentError;
        case SHUTDOWN -> droppedShutdown;
      };
    }
  }
}
