package io.iotsim.core.publish.bench;

import com.typesafe.config.ConfigFactory;
import io.iotsim.core.publish.EncodedReading;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherContext;
import io.iotsim.core.publish.mqtt.MqttPublisherFactory;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Publish latency (publish() to PUBACK at QoS 1, to socket write at QoS 0) of the pooled MQTT
 * publisher at a paced rate: readings are released on schedule (every 100 µs, as many as the rate
 * owes), a warm-up is left out, and p50/p99/p99.9/max are read from the publisher's own
 * HdrHistogram.
 *
 * <p>{@code --url tcp://127.0.0.1:18830 --qos 1 --rate 20000 --seconds 30 --warmup 5}
 */
public final class MqttLatencyBench {

  public static void main(String[] args) throws Exception {
    BenchArgs a = new BenchArgs(args);
    String url = a.string("url", "tcp://127.0.0.1:18830");
    int qos = a.integer("qos", 1);
    int rate = a.integer("rate", 20_000);
    int seconds = a.integer("seconds", 30);
    int warmup = a.integer("warmup", 5);
    int devices = a.integer("devices", 10_000);
    int pool = a.integer("pool", 10);
    String[] ids = new String[devices];
    String[] topics = new String[devices];
    byte[][] payloads = new byte[devices][];
    for (int d = 0; d < devices; d++) {
      ids[d] = BenchSupport.deviceId(d);
      topics[d] = "devices/" + ids[d] + "/telemetry";
      payloads[d] = BenchSupport.envelope(ids[d]);
    }
    var settings =
        ConfigFactory.parseMap(
                Map.of("mqtt.url", url, "mqtt.pool-size", pool, "mqtt.commands", false))
            .withFallback(ConfigFactory.defaultReference().getConfig("iot-sim"));
    try (BenchSupport.BrokerCounter broker = new BenchSupport.BrokerCounter(url);
        Publisher publisher =
            new MqttPublisherFactory().create(new PublisherContext(null, settings, Map.of()))) {
      Thread.sleep(1000);
      long brokerBefore = broker.value();
      EncodedReading reading = new EncodedReading();
      long start = System.nanoTime();
      long warmupEnd = start + warmup * 1_000_000_000L;
      long end = warmupEnd + seconds * 1_000_000_000L;
      Histogram atWarmupEnd = null;
      double cpuAtWarmupEnd = 0;
      long published = 0;
      long now;
      while ((now = System.nanoTime()) < end) {
        long owed = (now - start) * rate / 1_000_000_000L;
        for (; published < owed; published++) {
          int d = (int) (published % devices);
          publisher.publish(
              reading.set(
                  ids[d],
                  "temperature_sensor",
                  topics[d],
                  0,
                  published,
                  qos,
                  payloads[d],
                  payloads[d].length));
        }
        if (atWarmupEnd == null && now >= warmupEnd) {
          atWarmupEnd = publisher.stats().snapshot().latencyMicros();
          cpuAtWarmupEnd = BenchSupport.processCpuSeconds();
        }
        LockSupport.parkNanos(100_000);
      }
      double cpu = BenchSupport.processCpuSeconds() - cpuAtWarmupEnd;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (publisher.stats().sentOkCount() + publisher.stats().sentErrorCount() < published
          && System.nanoTime() < deadline) {
        LockSupport.parkNanos(1_000_000);
      }
      var s = publisher.stats().snapshot();
      Histogram measured = s.latencyMicros().copy();
      measured.subtract(atWarmupEnd);
      long arrived = broker.awaitAtLeast(brokerBefore + published) - brokerBefore;
      System.out.printf(
          "RESULT client=hivemq-pooled qos=%d pool=%d rate=%d seconds=%d measured=%d"
              + " p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f published=%d"
              + " broker_received=%d errors=%d dropped=%d jvm_cpu_pct=%.0f%n",
          qos,
          pool,
          rate,
          seconds,
          measured.getTotalCount(),
          measured.getValueAtPercentile(50) / 1000.0,
          measured.getValueAtPercentile(99) / 1000.0,
          measured.getValueAtPercentile(99.9) / 1000.0,
          measured.getMaxValue() / 1000.0,
          published,
          arrived,
          s.sentError(),
          s.dropped(),
          100 * cpu / seconds);
    }
    System.exit(0);
  }
}
