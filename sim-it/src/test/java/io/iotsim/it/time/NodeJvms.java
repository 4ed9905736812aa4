package io.iotsim.it.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.cli.IotSimCli;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node JVMs of one cluster on 127.0.0.1 for the time tests: {@code iot-sim node} child processes
 * (small heaps, ephemeral gRPC and HTTP ports read from their banners) joined through a {@code
 * --config} file naming the first node as seed. Killed (SIGKILL) on {@link #close()}.
 */
final class NodeJvms implements AutoCloseable {

  private static final Pattern GRPC = Pattern.compile("gRPC on [^:\\s]+:(\\d+)");
  private static final Pattern HTTP = Pattern.compile("HTTP on [^:\\s]+:(\\d+)");
  private static final Duration START = Duration.ofSeconds(240);
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP_CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** One node process and where it listens. */
  record Node(Process process, int remotePort, int grpcPort, int httpPort, Path log) {

    String address() {
      return "pekko://iot-sim@127.0.0.1:" + remotePort;
    }

    String runtime() {
      return "127.0.0.1:" + grpcPort;
    }

    JsonNode get(String path) {
      return send("GET", path, null, 200);
    }

    JsonNode send(String method, String path, Object body, int expected) {
      try {
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
          b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
          b.header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = HTTP_CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
          throw new AssertionError(
              method + " " + path + " on " + address() + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
      } catch (IOException e) {
        throw new IllegalStateException(method + " " + path + " on " + address(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private final List<Node> nodes = new ArrayList<>();

  List<Node> nodes() {
    return nodes;
  }

  Node node(int i) {
    return nodes.get(i - 1);
  }

  /**
   * Starts {@code count} nodes one after the other; the first seeds the cluster.
   *
   * @param config HOCON lines for every node
   * @param perNode extra {@code iot-sim node} flags of node i (1-based)
   */
  static NodeJvms start(
      Path dir, int count, String config, java.util.function.IntFunction<List<String>> perNode)
      throws Exception {
    NodeJvms jvms = new NodeJvms();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ports[i] = freePort();
      }
      String seed = "pekko://iot-sim@127.0.0.1:" + ports[0];
      List<Process> started = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Path conf = dir.resolve("node-" + (i + 1) + ".conf");
        Files.writeString(
            conf,
            config
                + "\npekko.cluster.seed-nodes = [\""
                + seed
                + "\"]\n"
                + "pekko.remote.artery.canonical.port = "
                + ports[i]
                + "\n");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx320m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(IotSimCli.class.getName());
        cmd.addAll(
            List.of(
                "node",
                "--config",
                conf.toString(),
                "--grpc-port",
                "0",
                "--http-port",
                "0",
                "--management-port",
                "0"));
        cmd.addAll(perNode.apply(i + 1));
        Path log = dir.resolve("node-" + (i + 1) + ".log");
        Process p =
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        logs.add(log);
        jvms.nodes.add(new Node(p, ports[i], -1, -1, log));
        // one at a time: on a loaded machine nodes starting together miss their start deadlines
        jvms.nodes.set(i, awaitBanner(p, ports[i], log));
      }
      return jvms;
    } catch (Exception | AssertionError e) {
      jvms.close();
      throw e;
    }
  }

  private static Node awaitBanner(Process p, int remotePort, Path log) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher g = GRPC.matcher(text);
      Matcher h = HTTP.matcher(text);
      if (g.find() && h.find()) {
        return new Node(
            p, remotePort, Integer.parseInt(g.group(1)), Integer.parseInt(h.group(1)), log);
      }
      if (!p.isAlive()) {
        throw new AssertionError("node on remote port " + remotePort + " exited:\n" + text);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError(
        "node on remote port "
            + remotePort
            + " did not serve within "
            + START.toSeconds()
            + " s:\n"
            + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Kills node i (1-based) at once, as a crash would (SIGKILL). */
  void kill(int i) throws InterruptedException {
    Process p = node(i).process();
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  static Map<String, Object> scenario(String name, String yaml) {
    return Map.of("name", name, "source", yaml);
  }

  @Override
  public void close() {
    for (Node n : nodes) {
      n.process().destroyForcibly();
    }
    for (Node n : nodes) {
      try {
        n.process().waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
