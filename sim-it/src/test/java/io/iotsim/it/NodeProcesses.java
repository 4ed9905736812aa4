package io.iotsim.it;

import io.iotsim.cli.IotSimCli;
import io.iotsim.client.ClientSettings;
import io.iotsim.client.IotSimClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A cluster of real {@code iot-sim node} processes on 127.0.0.1 for multi-node tests: each node is
 * a child JVM ({@code java -Xmx256m -cp <test class path> io.iotsim.cli.IotSimCli node ...}) with
 * ephemeral gRPC, HTTP and remoting ports, read back from its start-up banner. Node 1 forms the
 * cluster; the others join it with {@code --seed-nodes}. Each node's stdout and stderr go to {@code
 * node-N.log} in the cluster's directory (kept when a test fails, for reading).
 *
 * <p>Typical use, one cluster per test class:
 *
 * <pre>{@code
 * static NodeProcesses cluster;
 * @BeforeAll static void up() { cluster = NodeProcesses.builder().nodes(3).start(); }
 * @AfterAll static void down() { cluster.close(); }
 * ... cluster.node(1).client().blocking().spawnProfile(...);
 * ... cluster.node(2).kill();   // SIGKILL, a crash
 * }</pre>
 *
 * <p>{@link #close()} kills every node still running (SIGKILL) and waits for it, so no JVM outlives
 * the test.
 */
public final class NodeProcesses implements AutoCloseable {

  /** How long one node may take from launch to its banner (JVM start, join, servers bound). */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private static final Pattern GRPC = Pattern.compile("gRPC on ([^\\s:]+):(\\d+)");
  private static final Pattern HTTP = Pattern.compile("HTTP on ([^\\s:]+):(\\d+)");
  private static final Pattern MEMBER = Pattern.compile("cluster member (pekko://\\S+)");
  private static final Pattern UP = Pattern.compile("iot-sim node (\\S+) up; master seed (-?\\d+)");

  private final Builder spec;
  private final Path dir;
  private final List<Node> nodes = new ArrayList<>();
  private volatile ActorSystem<Void> clientSystem;

  private NodeProcesses(Builder spec, Path dir) {
    this.spec = spec;
    this.dir = dir;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What every node of a cluster is started with. */
  public static final class Builder {
    private int nodes = 3;
    private String heap = "256m";
    private long masterSeed = 42;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path dir;

    private Builder() {}

    /** How many nodes {@link #start()} starts (default 3). */
    public Builder nodes(int n) {
      this.nodes = n;
      return this;
    }

    /** Each node's -Xmx (default 256m). */
    public Builder heap(String xmx) {
      this.heap = xmx;
      return this;
    }

    /** The master seed every node gets (default 42; nodes must agree on it). */
    public Builder masterSeed(long seed) {
      this.masterSeed = seed;
      return this;
    }

    /**
     * Extra {@code iot-sim node} arguments for every node, e.g. {@code "--output", "null"}; in
     * each, {@code {node}} stands for the node's number and {@code {dir}} for the cluster's
     * directory: {@code "--output", "jsonl:{dir}/node-{node}.jsonl"}.
     */
    public Builder args(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    /** Extra JVM arguments for every node, e.g. {@code "-Dpekko.loglevel=DEBUG"}. */
    public Builder jvmArgs(String... more) {
      jvmArgs.addAll(List.of(more));
      return this;
    }

    /** An environment variable for every node (IOT_SIM_* of the test JVM are not inherited). */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** Where logs and files go (default: a new temporary directory). */
    public Builder dir(Path d) {
      this.dir = d;
      return this;
    }

    /**
     * Starts node 1, then the others in parallel joining it, and waits until every node sees all of
     * them as members.
     */
    public NodeProcesses start() {
      try {
        Path d = dir != null ? dir : Files.createTempDirectory("iot-sim-it-");
        NodeProcesses cluster = new NodeProcesses(this, d);
        try {
          cluster.startNodes(nodes);
          return cluster;
        } catch (RuntimeException | Error e) {
          cluster.close();
          throw e;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void startNodes(int n) {
    Node first = launch(List.of());
    first.awaitBanner();
    List<Node> rest = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      rest.add(launch(List.of()));
    }
    rest.forEach(Node::awaitBanner);
    awaitMembers(n, START_TIMEOUT);
  }

  /**
   * Starts one more node that joins the cluster through the seed nodes (the first live node), with
   * extra {@code iot-sim node} arguments, and waits for its banner.
   */
  public Node add(String... extraArgs) {
    Node node = launch(List.of(extraArgs));
    node.awaitBanner();
    return node;
  }

  private synchronized Node launch(List<String> extraArgs) {
    int index = nodes.size() + 1;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + spec.heap);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.addAll(spec.jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(IotSimCli.class.getName());
    cmd.add("node");
    cmd.addAll(
        List.of(
            "--grpc-port",
            "0",
            "--http-port",
            "0",
            "--remote-port",
            "0",
            "--management-port",
            "0"));
    cmd.addAll(List.of("--master-seed", Long.toString(spec.masterSeed)));
    seedNodes().ifPresent(seed -> cmd.addAll(List.of("--seed-nodes", seed)));
    for (String arg : spec.args) {
      cmd.add(arg.replace("{node}", Integer.toString(index)).replace("{dir}", dir.toString()));
    }
    cmd.addAll(extraArgs);
    Path log = dir.resolve("node-" + index + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("IOT_SIM_"));
    pb.environment().putAll(spec.env);
    try {
      Node node = new Node(index, pb.start(), log);
      nodes.add(node);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start node " + index, e);
    }
  }

  /** The first node still alive, as {@code host:port}: the seed of a joining node. */
  private Optional<String> seedNodes() {
    return nodes.stream()
        .filter(Node::isAlive)
        .map(n -> n.address().substring(n.address().indexOf('@') + 1))
        .findFirst();
  }

  /** Node {@code i}, counting from 1 in launch order (nodes added later continue the count). */
  public synchronized Node node(int i) {
    return nodes.get(i - 1);
  }

  /** Every node launched, dead or alive, in launch order. */
  public synchronized List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** The nodes still running. */
  public synchronized List<Node> alive() {
    return nodes.stream().filter(Node::isAlive).toList();
  }

  /** The directory of logs and files of this cluster. */
  public Path dir() {
    return dir;
  }

  /**
   * Waits until every live node reports {@code n} cluster members (its runtime status), e.g. after
   * a killed node has been downed and removed.
   *
   * @throws AssertionError naming each node's last count when the deadline passes
   */
  public void awaitMembers(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<Integer, String> last = new LinkedHashMap<>();
    while (true) {
      boolean all = true;
      for (Node node : alive()) {
        String seen;
        try {
          int members =
              node.client()
                  .runtimeStatus()
                  .toCompletableFuture()
                  .get(10, TimeUnit.SECONDS)
                  .getClusterMembers();
          seen = Integer.toString(members);
          all &= members == n;
        } catch (Exception e) {
          seen = e.toString();
          all = false;
        }
        last.put(node.index(), seen);
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not every node saw " + n + " members within " + timeout + ": " + last + tails());
      }
      pause(Duration.ofMillis(500));
    }
  }

  /** The last lines of every node's log, for failure messages. */
  public String tails() {
    StringBuilder b = new StringBuilder();
    for (Node node : nodes()) {
      b.append("\n--- node ").append(node.index()).append(" (").append(node.log()).append(")\n");
      List<String> lines = node.logLines();
      lines
          .subList(Math.max(0, lines.size() - 30), lines.size())
          .forEach(l -> b.append(l).append('\n'));
    }
    return b.toString();
  }

  private ActorSystem<Void> clientSystem() {
    if (clientSystem == null) {
      synchronized (this) {
        if (clientSystem == null) {
          clientSystem =
              ActorSystem.create(
                  Behaviors.empty(),
                  "iot-sim-it-client",
                  com.typesafe.config.ConfigFactory.parseString(
                          "pekko.actor.provider = local\n"
                              + "pekko.loglevel = WARNING\n"
                              + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n")
                      .withFallback(com.typesafe.config.ConfigFactory.load()));
        }
      }
    }
    return clientSystem;
  }

  /** Kills every node still running (SIGKILL) and waits for it; stops the clients. */
  @Override
  public void close() {
    for (Node node : nodes()) {
      node.process.destroyForcibly();
    }
    for (Node node : nodes()) {
      try {
        node.process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (clientSystem != null) {
      clientSystem.terminate();
      try {
        clientSystem.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the nodes are gone, which is what matters
      }
    }
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** One node process. */
  public final class Node {
    private final int index;
    private final Process process;
    private final Path log;
    private volatile int grpcPort = -1;
    private volatile int httpPort = -1;
    private volatile String address;
    private volatile String runId;
    private volatile IotSimClient client;

    private Node(int index, Process process, Path log) {
      this.index = index;
      this.process = process;
      this.log = log;
    }

    /** Its number in the cluster, from 1. */
    public int index() {
      return index;
    }

    public Process process() {
      return process;
    }

    public long pid() {
      return process.pid();
    }

    public int grpcPort() {
      return grpcPort;
    }

    public int httpPort() {
      return httpPort;
    }

    /** Its cluster address, {@code pekko://iot-sim@127.0.0.1:PORT}. */
    public String address() {
      return address;
    }

    /** The node's run id, from its banner. */
    public String runId() {
      return runId;
    }

    /** {@code 127.0.0.1:grpcPort}, for the CLI's --runtime. */
    public String runtime() {
      return "127.0.0.1:" + grpcPort;
    }

    /** {@code http://127.0.0.1:httpPort}. */
    public String httpBase() {
      return "http://127.0.0.1:" + httpPort;
    }

    /** Its stdout and stderr. */
    public Path log() {
      return log;
    }

    /** A file in the cluster's directory named for this node, e.g. for {@code --output jsonl:}. */
    public Path file(String suffix) {
      return dir.resolve("node-" + index + suffix);
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    /** A gRPC client of this node (one per node, on a shared client actor system). */
    public IotSimClient client() {
      if (client == null) {
        synchronized (this) {
          if (client == null) {
            client = IotSimClient.connect(ClientSettings.of(runtime()), clientSystem());
          }
        }
      }
      return client;
    }

    /** SIGKILL: a crash, no leaving, no cleanup. Waits until the process is gone. */
    public void kill() {
      process.destroyForcibly();
      waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: a graceful leave (coordinated shutdown). Waits until the process has exited. */
    public int terminate(Duration timeout) {
      process.destroy();
      return waitForExit(timeout);
    }

    private int waitForExit(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(30, TimeUnit.SECONDS);
          throw new AssertionError("node " + index + " did not exit within " + timeout + tails());
        }
        return process.exitValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    /** Every line the node wrote so far (stdout and stderr). */
    public List<String> logLines() {
      try {
        if (!Files.exists(log)) {
          return List.of();
        }
        return List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n", -1));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Waits until a line of the node's output matches, and returns it.
     *
     * @throws AssertionError with the node's log tail when the deadline passes
     */
    public String awaitLine(Predicate<String> matches, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        for (String line : logLines()) {
          if (matches.test(line)) {
            return line;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "node " + index + ": no matching line within " + timeout + tails());
        }
        pause(Duration.ofMillis(200));
      }
    }

    /** Reads the banner (run id, cluster address, gRPC and HTTP ports). */
    private void awaitBanner() {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (true) {
        String text = String.join("\n", logLines());
        Matcher up = UP.matcher(text);
        Matcher member = MEMBER.matcher(text);
        Matcher grpc = GRPC.matcher(text);
        Matcher http = HTTP.matcher(text);
        if (up.find() && member.find() && grpc.find() && http.find()) {
          runId = up.group(1);
          address = member.group(1);
          grpcPort = Integer.parseInt(grpc.group(2));
          httpPort = Integer.parseInt(http.group(2));
          return;
        }
        if (!process.isAlive()) {
          throw new AssertionError(
              "node "
                  + index
                  + " exited with "
                  + process.exitValue()
                  + " before its banner"
                  + tails());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "node " + index + " printed no banner within " + START_TIMEOUT + tails());
        }
        pause(Duration.ofMillis(200));
      }
    }

    @Override
    public String toString() {
      return "node " + index + " (" + address + ", gRPC " + grpcPort + ")";
    }
  }
}
