package io.iotsim.cli;

import static io.iotsim.cli.RunOutput.n;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * At speed max the HTTP publisher holds rather than drops: against a slow ingestion endpoint (a JDK
 * HttpServer taking 2 ms per request) and a queue of 8, every generated reading arrives once and
 * the summary balances with nothing dropped; the endpoint paces simulated time.
 */
class HttpMaxSpeedRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Counts the readings of each POSTed JSON array, and which (device, timestamp) it saw. */
  private static final class SlowEndpoint implements AutoCloseable {

    final AtomicLong readings = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final HttpServer server;

    SlowEndpoint() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      server.createContext("/telemetry", this::handle);
      server.setExecutor(workers);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/telemetry";
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        JsonNode batch = JSON.readTree(exchange.getRequestBody());
        // the ingestion work a real endpoint does, so the simulator outruns it
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        requests.incrementAndGet();
        for (JsonNode reading : batch) {
          readings.incrementAndGet();
          distinct.add(reading.get("device_id").asText() + "@" + reading.get("timestamp").asText());
        }
        exchange.sendResponseHeaders(204, -1);
      }
    }

    @Override
    public void close() {
      server.stop(0);
      workers.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aSlowEndpointGetsEveryReadingWithNothingDropped() throws Exception {
    Path profile = dir.resolve("http_probe.yaml");
    Files.writeString(
        profile,
        "type: http_probe\n"
            + "protocol: http\n"
            + "telemetry_interval: 1s\n"
            + "telemetry_fields:\n"
            + "  temperature:\n"
            + "    type: gaussian\n"
            + "    mean: 20.0\n"
            + "    stddev: 2.0\n");
    Path conf = dir.resolve("tiny.conf");
    Files.writeString(
        conf,
        "iot-sim.http { queue-size = 8, batch-size = 4, linger = 5ms, parallelism = 2,"
            + " max-connections = 2 }\n");
    try (SlowEndpoint endpoint = new SlowEndpoint()) {
      RunOutput o =
          RunOutput.of(
              "run",
              "--profile",
              profile.toString(),
              "--count",
              "20",
              "--duration",
              "200s",
              "--speed",
              "max",
              "--output",
              "protocol",
              "--config",
              conf.toString(),
              "--http-endpoint",
              endpoint.url(),
              "--quiet",
              "--fail-on-loss");

      assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
      Matcher m = o.delivery("http");
      long generated = n(m, 1);
      assertThat(generated).as("20 devices x 200 readings").isEqualTo(4_000);
      assertThat(n(m, 2)).as("published").isEqualTo(generated);
      assertThat(n(m, 3)).as("dropped").isZero();
      assertThat(n(m, 8)).as("in flight").isZero();
      assertThat(endpoint.readings.get()).as("received").isEqualTo(generated);
      assertThat(endpoint.distinct).as("each reading once").hasSize((int) generated);
      // batches of at most 4: the endpoint's pace (>= 1,000 requests) set the run's
      assertThat(endpoint.requests.get()).isGreaterThanOrEqualTo(1_000);
    }
  }
}
