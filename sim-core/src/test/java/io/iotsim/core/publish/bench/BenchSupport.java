package io.iotsim.core.publish.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What the MQTT benchmarks share: payloads, the broker's own counters, process CPU and RSS. */
final class BenchSupport {

  private BenchSupport() {}

  /** A realistic envelope (about 170 bytes) of one device. */
  static byte[] envelope(String deviceId) {
    return ("{\"device_id\":\""
            + deviceId
            + "\",\"device_type\":\"temperature_sensor\","
            + "\"ts\":1764097200000,\"seq\":42,\"fields\":{\"temperature\":21.73,"
            + "\"humidity\":54.2,\"battery\":97.1},\"labels\":{\"site\":\"plant-1\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String deviceId(int n) {
    return String.format("temperature_sensor-%06d", n);
  }

  /**
   * Mosquitto's count of PUBLISH packets it received ({@code $SYS/broker/publish/messages/
   * received}, refreshed every sys_interval): the broker's word for what arrived.
   */
  static final class BrokerCounter implements AutoCloseable {
    private final Mqtt3AsyncClient client;
    private final AtomicLong received = new AtomicLong(-1);

    BrokerCounter(String url) throws Exception {
      URI uri = URI.create(url);
      client =
          Mqtt3Client.builder()
              .identifier("bench-sys-" + System.nanoTime())
              .serverHost(uri.getHost())
              .serverPort(uri.getPort())
              .buildAsync();
      client.connect().get(10, TimeUnit.SECONDS);
      client
          .subscribeWith()
          .topicFilter("$SYS/broker/publish/messages/received")
          .qos(MqttQos.AT_MOST_ONCE)
          .callback(
              m ->
                  received.set(
                      Long.parseLong(
                          new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8).trim())))
          .send()
          .get(10, TimeUnit.SECONDS);
    }

    /** The latest value; waits for the first one. */
    long value() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (received.get() < 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      return received.get();
    }

    /** Waits (up to 15 s) until the broker reports at least {@code target}. */
    long awaitAtLeast(long target) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (received.get() < target && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      return received.get();
    }

    @Override
    public void close() {
      client.disconnect();
    }
  }

  /** CPU seconds this JVM used so far. */
  static double processCpuSeconds() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /** Resident set size of a process in MiB, from /proc. */
  static double rssMib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (Exception e) {
      // not Linux or process gone
    }
    return -1;
  }

  /** CPU seconds (user + system) a process used so far, from /proc/PID/stat. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[11] = utime, fields[12] = stime (clock ticks; 100 per second on Linux)
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (Exception e) {
      return -1;
    }
  }
}
