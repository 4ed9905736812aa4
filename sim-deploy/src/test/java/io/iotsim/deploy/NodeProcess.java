package io.iotsim.deploy;

import io.iotsim.cli.IotSimCli;
import java.io.IOException;
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

/**
 * {@code iot-sim node} as a child JVM on this module's class path, with a small heap, its output in
 * a file (shown when a test fails), and its environment as the orchestrator would set it. {@link
 * #close} kills it.
 */
final class NodeProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final Process process;
  private final Path log;

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static NodeProcess start(String name, Path dir, Map<String, String> env, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IotSimCli.class.getName());
    command.add("node");
    command.addAll(args);
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(Repo.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // a clean slate: only what the test passes, never the developer's own IOT_SIM_* settings
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("IOT_SIM_") || k.startsWith("KUBERNETES_"));
    pb.environment().putAll(env);
    return new NodeProcess(name, pb.start(), log);
  }

  /** HTTP status of {@code GET url}, or -1 when nothing answers. */
  static int status(String url) {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static String get(String url) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The node's output so far, for assertion messages. */
  String output() {
    try {
      String all = Files.readString(log, StandardCharsets.UTF_8);
      return "--- "
          + name
          + " ---\n"
          + (all.length() > 20_000 ? all.substring(all.length() - 20_000) : all);
    } catch (IOException e) {
      return "--- " + name + ": no output (" + e.getMessage() + ") ---";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
