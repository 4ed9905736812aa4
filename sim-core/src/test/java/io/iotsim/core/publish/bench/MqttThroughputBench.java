package io.iotsim.core.publish.bench;

import com.typesafe.config.ConfigFactory;
import io.iotsim.core.publish.EncodedReading;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherContext;
import io.iotsim.core.publish.mqtt.MqttPublisherFactory;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Sustained msg/s of the pooled MQTT publisher. One thread plays the devices: it publishes as fast
 * as the publisher takes readings, slowing down as the simulator's slow_down strategy does (queue
 * over 80% full: wait until under 50%), so nothing is dropped. The rate is the number of readings
 * acknowledged (QoS 1) or written (QoS 0) over the time to the last one; the broker's own PUBLISH
 * counter confirms they arrived.
 *
 * <p>{@code --url tcp://127.0.0.1:18830 --qos 0 --messages 1000000 --devices 10000 --pool 10}
 */
public final class MqttThroughputBench {

  public static void main(String[] args) throws Exception {
    BenchArgs a = new BenchArgs(args);
    String url = a.string("url", "tcp://127.0.0.1:18830");
    int qos = a.integer("qos", 0);
    int messages = a.integer("messages", 1_000_000);
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
                Map.of(
                    "mqtt.url",
                    url,
                    "mqtt.pool-size",
                    pool,
                    "mqtt.queue-size",
                    100_000,
                    "mqtt.commands",
                    false))
            .withFallback(ConfigFactory.defaultReference().getConfig("iot-sim"));
    try (BenchSupport.BrokerCounter broker = new BenchSupport.BrokerCounter(url);
        Publisher publisher =
            new MqttPublisherFactory().create(new PublisherContext(null, settings, Map.of()))) {
      Thread.sleep(1000); // connections up
      long brokerBefore = broker.value();
      double cpuBefore = BenchSupport.processCpuSeconds();
      EncodedReading reading = new EncodedReading();
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        if (publisher.queueFill() > 0.8) {
          while (publisher.queueFill() > 0.5) {
            LockSupport.parkNanos(50_000);
          }
        }
        int d = i % devices;
        publisher.publish(
            reading.set(
                ids[d],
                "temperature_sensor",
                topics[d],
                0,
                i,
                qos,
                payloads[d],
                payloads[d].length));
      }
      while (publisher.stats().sentOkCount() + publisher.stats().sentErrorCount() < messages) {
        LockSupport.parkNanos(100_000);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = BenchSupport.processCpuSeconds() - cpuBefore;
      long arrived = broker.awaitAtLeast(brokerBefore + messages) - brokerBefore;
      var s = publisher.stats().snapshot();
      System.out.printf(
          "RESULT client=hivemq-pooled qos=%d pool=%d messages=%d seconds=%.2f msg_per_s=%.0f"
              + " broker_received=%d ok=%d errors=%d dropped=%d jvm_cpu_s=%.1f p50_ms=%.2f"
              + " p99_ms=%.2f%n",
          qos,
          pool,
          messages,
          seconds,
          messages / seconds,
          arrived,
          s.sentOk(),
          s.sentError(),
          s.dropped(),
          cpu,
          s.latencyP50Millis(),
          s.latencyP99Millis());
    }
    System.exit(0);
  }
}
