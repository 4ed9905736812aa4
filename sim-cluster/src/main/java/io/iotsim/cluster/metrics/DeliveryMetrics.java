package io.iotsim.cluster.metrics;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.publish.PublisherStats.DropReason;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.Instrument;
import kamon.metric.MeasurementUnit;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * Where readings went, as metrics: the same figures as the run summary and the runtime status
 * (dropped by reason, acknowledged, in flight, connections), and the end-to-end latency that
 * delivery verification measures. Sampled by {@link NodeMetrics}' timer.
 */
final class DeliveryMetrics {

  private final Metric.Counter dropped =
      Kamon.counter(
          "sim_messages_dropped_total",
          "Readings that did not reach the wire, by protocol and reason (queue_full, disconnected,"
              + " error, shutdown)");
  private final Metric.Counter acknowledged =
      Kamon.counter(
          "sim_messages_acknowledged_total",
          "Readings the far end acknowledged (MQTT QoS 1/2, AMQP confirms, HTTP 2xx, CoAP ACK)");
  private final Metric.Gauge inFlight =
      Kamon.gauge("sim_publish_in_flight", "Readings taken and neither sent nor dropped yet");
  private final Metric.Gauge connections =
      Kamon.gauge("sim_publish_connections", "Broker connections, by protocol and state");
  private final kamon.metric.Histogram e2eLatency =
      Kamon.histogram(
              "sim_e2e_latency_seconds",
              "Hand-over to delivery at a subscriber on the broker (delivery verification)",
              MeasurementUnit.time().nanoseconds())
          .withoutTags();

  private final SimNode node;
  private final Map<Publisher, PublisherStats.Snapshot> last = new IdentityHashMap<>();
  private final Map<List<String>, Object> instruments = new ConcurrentHashMap<>();
  private org.HdrHistogram.Histogram lastE2e;

  DeliveryMetrics(SimNode node) {
    this.node = node;
  }

  /** On the metrics timer thread only. */
  void sample() {
    for (Publisher p : node.publishers().all()) {
      PublisherStats.Snapshot s = p.stats().snapshot();
      PublisherStats.Snapshot before = last.get(p);
      String protocol = s.protocol();
      for (DropReason r : DropReason.values()) {
        long delta = s.dropped(r) - (before == null ? 0 : before.dropped(r));
        counter(dropped, "protocol", protocol, "reason", r.label()).increment(Math.max(0, delta));
      }
      counter(acknowledged, "protocol", protocol)
          .increment(Math.max(0, s.acknowledged() - (before == null ? 0 : before.acknowledged())));
      gauge(inFlight, "protocol", protocol).update(s.inFlight());
      gauge(connections, "protocol", protocol, "state", "connected").update(s.connected());
      gauge(connections, "protocol", protocol, "state", "connecting").update(s.connecting());
      last.put(p, s);
    }
    node.verification()
        .ifPresent(
            report -> {
              org.HdrHistogram.Histogram now = report.latencyMicros();
              LatencyFeed.record(
                  LatencyFeed.interval(now, lastE2e), List.of(e2eLatency), new long[] {1});
              lastE2e = now;
            });
  }

  private Counter counter(Metric.Counter metric, String... tags) {
    return instrument(metric, tags);
  }

  private Gauge gauge(Metric.Gauge metric, String... tags) {
    return instrument(metric, tags);
  }

  @SuppressWarnings("unchecked")
  private <I extends Instrument<I, ?>> I instrument(Metric<I, ?> metric, String... tags) {
    List<String> key = new ArrayList<>(tags.length + 1);
    key.add(metric.name());
    key.addAll(List.of(tags));
    return (I) instruments.computeIfAbsent(key, k -> metric.withTags(tagSet(tags)));
  }

  private static TagSet tagSet(String... pairs) {
    TagSet.Builder b = TagSet.builder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.add(pairs[i], pairs[i + 1]);
    }
    return b.build();
  }
}
