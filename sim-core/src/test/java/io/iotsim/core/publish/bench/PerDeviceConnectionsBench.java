package io.iotsim.core.publish.bench;

import com.typesafe.config.ConfigFactory;
import io.iotsim.core.publish.DeviceLink;
import io.iotsim.core.publish.EncodedReading;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherContext;
import io.iotsim.core.publish.mqtt.MqttPublisherFactory;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * What 10,000 devices with a connection each cost: time to connect them all, then JVM and broker
 * CPU and RSS while they sit connected and while each publishes every {@code --interval} seconds
 * (QoS 1). {@code --connection pooled} runs the same fleet and rate over 10 connections: the
 * baseline that isolates the cost of the connections themselves.
 *
 * <p>{@code --url tcp://127.0.0.1:18830 --devices 10000 --interval 10 --seconds 30 --broker-pid PID
 * --connection per_device}
 */
public final class PerDeviceConnectionsBench {

  public static void main(String[] args) throws Exception {
    BenchArgs a = new BenchArgs(args);
    String url = a.string("url", "tcp://127.0.0.1:18830");
    int devices = a.integer("devices", 10_000);
    int interval = a.integer("interval", 10);
    int seconds = a.integer("seconds", 30);
    long brokerPid = a.integer("broker-pid", -1);
    String connection = a.string("connection", "per_device");
    int sources = a.integer("source-addresses", 4);
    long self = ProcessHandle.current().pid();
    var settings =
        ConfigFactory.parseMap(
                Map.of(
                    "mqtt.url",
                    url,
                    "mqtt.connection",
                    connection,
                    "mqtt.source-addresses",
                    sources,
                    "mqtt.max-inflight",
                    16,
                    "mqtt.will-topic",
                    "devices/{device_id}/status",
                    "mqtt.commands",
                    true))
            .withFallback(ConfigFactory.defaultReference().getConfig("iot-sim"));
    String[] ids = new String[devices];
    String[] topics = new String[devices];
    byte[][] payloads = new byte[devices][];
    for (int d = 0; d < devices; d++) {
      ids[d] = BenchSupport.deviceId(d);
      topics[d] = "devices/" + ids[d] + "/telemetry";
      payloads[d] = BenchSupport.envelope(ids[d]);
    }
    try (BenchSupport.BrokerCounter broker = new BenchSupport.BrokerCounter(url);
        Publisher publisher =
            new MqttPublisherFactory().create(new PublisherContext(null, settings, Map.of()))) {
      Thread.sleep(2000);
      gc();
      double rssBefore = BenchSupport.rssMib(self);
      double brokerRssBefore = BenchSupport.rssMib(brokerPid);
      long start = System.nanoTime();
      for (int d = 0; d < devices; d++) {
        publisher.attach(
            new DeviceLink(ids[d], "temperature_sensor", Map.of(), DeviceLink.IGNORE_COMMANDS));
      }
      var connected = publisher.getClass().getDeclaredMethod("connectedCount");
      connected.setAccessible(true);
      int expected = connection.equals("pooled") ? 10 : devices;
      while ((long) connected.invoke(publisher) < expected) {
        if (System.nanoTime() - start > 300_000_000_000L) {
          throw new IllegalStateException("not all connected: " + connected.invoke(publisher));
        }
        Thread.sleep(50);
      }
      double connectSeconds = (System.nanoTime() - start) / 1e9;

      // Connected, idle (keepalive only).
      Thread.sleep(3000);
      Window idle = Window.measure(self, brokerPid, seconds / 3, () -> {});
      gc();
      double heapMib = heapUsedMib();

      // Publishing: every device every `interval` seconds, spread evenly.
      long brokerBefore = broker.value();
      EncodedReading reading = new EncodedReading();
      long[] published = {0};
      long rate = devices / interval;
      long t0 = System.nanoTime();
      Window busy =
          Window.measure(
              self,
              brokerPid,
              seconds,
              () -> {
                long owed = (System.nanoTime() - t0) * rate / 1_000_000_000L;
                for (; published[0] < owed; published[0]++) {
                  int d = (int) (published[0] % devices);
                  publisher.publish(
                      reading.set(
                          ids[d],
                          "temperature_sensor",
                          topics[d],
                          0,
                          published[0],
                          1,
                          payloads[d],
                          payloads[d].length));
                }
              });
      long arrived = broker.awaitAtLeast(brokerBefore + published[0]) - brokerBefore;
      var s = publisher.stats().snapshot();
      System.out.printf(
          "RESULT connection=%s devices=%d connections=%d connect_s=%.1f"
              + " jvm_rss_before_mib=%.0f jvm_rss_mib=%.0f jvm_heap_used_mib=%.0f"
              + " jvm_cpu_idle_pct=%.1f jvm_cpu_publishing_pct=%.1f"
              + " broker_rss_before_mib=%.1f broker_rss_mib=%.1f broker_cpu_idle_pct=%.1f"
              + " broker_cpu_publishing_pct=%.1f rate=%d published=%d broker_received=%d"
              + " p50_ms=%.2f p99_ms=%.2f errors=%d dropped=%d%n",
          connection,
          devices,
          (long) connected.invoke(publisher),
          connectSeconds,
          rssBefore,
          busy.rssMib,
          heapMib,
          idle.cpuPct,
          busy.cpuPct,
          brokerRssBefore,
          busy.brokerRssMib,
          idle.brokerCpuPct,
          busy.brokerCpuPct,
          rate,
          published[0],
          arrived,
          s.latencyP50Millis(),
          s.latencyP99Millis(),
          s.sentError(),
          s.dropped());
    }
    System.exit(0);
  }

  private record Window(double cpuPct, double brokerCpuPct, double rssMib, double brokerRssMib) {
    static Window measure(long self, long brokerPid, int seconds, Runnable tick) {
      double cpu0 = BenchSupport.cpuSeconds(self);
      double broker0 = BenchSupport.cpuSeconds(brokerPid);
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        tick.run();
        LockSupport.parkNanos(1_000_000);
      }
      return new Window(
          100 * (BenchSupport.cpuSeconds(self) - cpu0) / seconds,
          100 * (BenchSupport.cpuSeconds(brokerPid) - broker0) / seconds,
          BenchSupport.rssMib(self),
          BenchSupport.rssMib(brokerPid));
    }
  }

  private static void gc() throws InterruptedException {
    System.gc();
    Thread.sleep(200);
  }

  private static double heapUsedMib() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }
}
