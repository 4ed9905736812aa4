package io.iotsim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.iotsim.cluster.node.NodeConfig;
import io.iotsim.cluster.node.SimNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A node serving HTTP on an ephemeral port (the extension starts through ServiceLoader, as in
 * production), and an HTTP/1.1 client for it that remembers which endpoints a test class called.
 */
final class TestHttpNode implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final SimNode node;
  final URI base;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  final Set<String> calls = Collections.synchronizedSet(new LinkedHashSet<>());

  private TestHttpNode(SimNode node) {
    this.node = node;
    var address =
        HttpExtension.address(node)
            .orElseThrow(() -> new IllegalStateException("HTTP did not start"));
    this.base = URI.create("http://127.0.0.1:" + address.getPort());
  }

  static TestHttpNode start(Map<String, Object> overrides) {
    Map<String, Object> all = new HashMap<>();
    all.put("iot-sim.node.grpc.port", 0);
    all.put("iot-sim.node.http.port", 0);
    all.put("iot-sim.node.master-seed", 42);
    all.put("iot-sim.node.output", "null");
    all.put("iot-sim.events.log-lifecycle", false);
    all.put("iot-sim.http.profiles-dir", "../profiles");
    all.put("pekko.remote.artery.canonical.port", 0);
    all.put("iot-sim.management.port", 0);
    all.putAll(overrides);
    return new TestHttpNode(SimNode.start(NodeConfig.load(ConfigFactory.parseMap(all)), true));
  }

  record Response(int status, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String contentType() {
      return headers.firstValue("content-type").orElse("");
    }
  }

  Response get(String path) {
    return send("GET", path, null, null);
  }

  Response post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  Response send(String method, String path, String body, String contentType) {
    calls.add(method + " " + URI.create(path).getPath());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  /**
   * Opens an SSE stream and collects its lines until {@code done} accepts the lines so far (or the
   * timeout passes); then closes it.
   */
  List<String> sse(String path, Predicate<List<String>> done, Duration timeout) {
    calls.add("GET " + URI.create(path).getPath());
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream").build();
    List<String> lines = new ArrayList<>();
    try {
      HttpResponse<Stream<String>> r =
          client
              .sendAsync(req, HttpResponse.BodyHandlers.ofLines())
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (r.statusCode() != 200) {
        lines.add("HTTP " + r.statusCode());
        try (Stream<String> s = r.body()) {
          s.forEach(lines::add);
        }
        return lines;
      }
      Stream<String> s = r.body();
      // Closing the stream cancels the response: the node sees the client go away.
      var closer = CLOSER.schedule(s::close, timeout.toMillis(), TimeUnit.MILLISECONDS);
      try (s) {
        var it = s.iterator();
        while (it.hasNext()) {
          lines.add(it.next());
          if (done.test(lines)) {
            break;
          }
        }
      } catch (RuntimeException closedByTimeout) {
        // the timeout closed the stream while it was being read
      } finally {
        closer.cancel(false);
      }
    } catch (Exception e) {
      lines.add("ERROR " + e);
    }
    return lines;
  }

  private static final java.util.concurrent.ScheduledExecutorService CLOSER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sse-closer");
            t.setDaemon(true);
            return t;
          });

  /** The JSON of every {@code data:} line. */
  static List<JsonNode> data(List<String> lines) {
    List<JsonNode> out = new ArrayList<>();
    for (String l : lines) {
      if (l.startsWith("data: ")) {
        try {
          out.add(JSON.readTree(l.substring(6)));
        } catch (IOException e) {
          throw new AssertionError("data is not JSON: " + l, e);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    node.close();
  }
}
