package io.iotsim.core.publish.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A Mosquitto of the test's own, on a free loopback port, with its config and persistence in a temp
 * dir: tests that stop and start a broker never touch the shared one on 1883.
 */
public final class OwnMosquitto implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final List<String> extraConfig;
  private Process process;

  private OwnMosquitto(Path dir, int port, List<String> extraConfig) {
    this.dir = dir;
    this.port = port;
    this.extraConfig = extraConfig;
  }

  public static OwnMosquitto launch(String... extraConfigLines) throws IOException {
    OwnMosquitto broker =
        new OwnMosquitto(
            Files.createTempDirectory("mosquitto-"), freePort(), List.of(extraConfigLines));
    broker.start();
    return broker;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  public synchronized void start() throws IOException {
    List<String> config = new ArrayList<>();
    config.add("listener " + port + " 127.0.0.1");
    config.add("allow_anonymous true");
    // Started as root, Mosquitto drops to the user "mosquitto", which cannot read the temp dir
    // (persistence, log, certificates): stay the user that runs the test.
    config.add("user " + System.getProperty("user.name"));
    config.add("persistence true");
    config.add("persistence_location " + dir + "/");
    config.add("autosave_interval 1");
    config.add("max_queued_messages 1000000");
    config.add("max_inflight_messages 0");
    config.add("log_dest file " + dir.resolve("mosquitto.log"));
    config.addAll(extraConfig);
    Path conf = dir.resolve("mosquitto.conf");
    Files.write(conf, config);
    process =
        new ProcessBuilder("mosquitto", "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .start();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::accepts);
  }

  /** Stops the broker (SIGTERM: it saves its persistent sessions first) and waits for the exit. */
  public synchronized void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind
    }
  }

  private boolean accepts() {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
