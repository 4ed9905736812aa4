package io.iotsim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsim.cluster.metrics.PrometheusText;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client that reads one SSE event a second from a fleet producing 20,000 readings a second: the
 * node's heap stays flat, the lost readings are counted, and the devices are not slowed.
 *
 * <p>15 s here; {@code bench/http/slow-sse.sh} runs it for 60 s ({@code -Dslow.sse.seconds=60}) and
 * records the figures in sim-http/target/slow-sse.txt.
 */
class SlowSseClientTest {

  private static final int DEVICES = 20_000;

  @Test
  void aSlowClientLosesReadingsNotMemory() throws Exception {
    int seconds = Integer.getInteger("slow.sse.seconds", 15);
    try (TestHttpNode http = TestHttpNode.start(Map.of("iot-sim.node.max-devices", DEVICES))) {
      String profile =
          "{\"type\":\"slow_probe\",\"telemetry_interval\":\"1s\",\"telemetry_fields\":{"
              + "\"temperature\":{\"type\":\"gaussian\",\"mean\":22,\"stddev\":1},\"humidity\":{\"type\":\"gaussian\",\"mean\":50,\"stddev\":5}}}";
      TestHttpNode.Response spawned =
          http.post(
              "/api/v1/devices/spawn",
              "{\"profile_inline\":" + profile + ",\"count\":" + DEVICES + "}");
      assertThat(spawned.status()).as(spawned.body()).isEqualTo(201);

      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(64 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", http.base.getPort()), 10_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("GET /api/v1/devices/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1024);
        assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> http.node.telemetry().subscribers() >= 1);

        AtomicInteger events = new AtomicInteger();
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
        reader.scheduleAtFixedRate(() -> readOneEvent(in, events), 0, 1, TimeUnit.SECONDS);

        long readings0 = http.node.counters().readings();
        long dropped0 = http.node.telemetry().droppedTotal();
        long start = System.nanoTime();
        List<Long> heap = new ArrayList<>();
        for (int s = 1; s <= seconds; s++) {
          long due = start + TimeUnit.SECONDS.toNanos(s);
          await()
              .pollInterval(Duration.ofMillis(20))
              .atMost(Duration.ofSeconds(5))
              .until(() -> System.nanoTime() >= due);
          if (s % 3 == 0) {
            heap.add(heapAfterGc());
          }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long readings = http.node.counters().readings() - readings0;
        long dropped = http.node.telemetry().droppedTotal() - dropped0;
        reader.shutdownNow();
        reader.awaitTermination(5, TimeUnit.SECONDS);

        long growth = heap.get(heap.size() - 1) - heap.get(0);
        String report =
            String.format(
                "slow SSE client, %d devices @ 1s, %d s: readings/s %.0f, events read %d, readings dropped for the client %d (%.0f/s),"
                    + " heap after GC (MB) %s, growth first->last %.1f MB%n",
                DEVICES,
                seconds,
                readings / elapsed,
                events.get(),
                dropped,
                dropped / elapsed,
                heap.stream().map(b -> String.format("%.1f", b / 1048576.0)).toList(),
                growth / 1048576.0);
        System.out.print(report);
        Files.writeString(Path.of("target/slow-sse.txt"), report);

        assertThat(readings / elapsed)
            .as("devices are not slowed by the client")
            .isGreaterThan(DEVICES * 0.9);
        assertThat(dropped)
            .as("the client's losses are counted")
            .isGreaterThan((long) (DEVICES * elapsed * 0.5));
        assertThat(growth).as("heap stays flat").isLessThan(24L * 1024 * 1024);
        await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(
                () ->
                    assertThat(
                            PrometheusText.parse(http.get("/metrics").body())
                                .value("sim_backpressure_drops_total", "stage", "stream"))
                        .isGreaterThan(0.0));
        // Reading at full speed now, the client soon learns that it lost readings.
        socket.setSoTimeout(20_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String line;
        String droppedData = null;
        while (droppedData == null
            && System.nanoTime() < deadline
            && (line = in.readLine()) != null) {
          if (line.equals("event: dropped")) {
            droppedData = in.readLine();
          }
        }
        assertThat(droppedData).as("an event named dropped").isNotNull();
        assertThat(
                TestHttpNode.JSON
                    .readTree(droppedData.substring("data: ".length()))
                    .path("dropped")
                    .asLong())
            .isPositive();
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> http.node.telemetry().subscribers() == 0);
    }
  }

  /** Reads lines up to and including the next data line. */
  private static void readOneEvent(BufferedReader in, AtomicInteger events) {
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data: ")) {
          events.incrementAndGet();
          return;
        }
      }
    } catch (Exception e) {
      // the socket closed at the end of the test
    }
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
