package io.iotsim.cli;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.scenario.JobStatus;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.publish.OutputOverride;
import io.iotsim.core.publish.verify.DeliveryVerifier;
import io.iotsim.core.publish.verify.Subscriptions;
import io.iotsim.core.publish.verify.VerificationReport;
import io.iotsim.core.scenario.ProfileResolver;
import io.iotsim.core.scenario.ScenarioParser;
import io.iotsim.core.scenario.ScenarioScript;
import io.iotsim.core.time.Durations;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: an embedded node runs a fleet for a span of simulated time, prints a summary and
 * exits. Same profile, count, seed and start give byte-identical output at any speed.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a fleet on an embedded node for a span of simulated time, then exit.")
final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--profile",
      paramLabel = "FILE",
      defaultValue = "profiles/temperature_sensor.yaml",
      description = "Device profile (default ${DEFAULT-VALUE}).")
  Path profile;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Devices (default ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--duration",
      paramLabel = "D",
      defaultValue = "60s",
      description = "Simulated time to run, e.g. 60s, 10m, 24h (default ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--output",
      paramLabel = "OUT",
      defaultValue = "null",
      description =
          "console, null, jsonl:FILE, or protocol to use each profile's own (default ${DEFAULT-VALUE}: a live summary only).")
  String output;

  @Option(
      names = "--speed",
      paramLabel = "N|max",
      defaultValue = "1",
      description =
          "Simulated seconds per wall second, or max for as fast as possible (default ${DEFAULT-VALUE}).")
  String speed;

  @Option(
      names = "--sim-start",
      paramLabel = "INSTANT",
      defaultValue = "2026-01-01T00:00:00Z",
      description =
          "Simulated start time, ISO-8601 or now (default ${DEFAULT-VALUE}, so runs replay).")
  String simStart;

  @Option(
      names = "--labels",
      paramLabel = "K=V",
      split = ",",
      description = "Extra labels, k=v,k2=v2.")
  Map<String, String> labels = Map.of();

  @Option(names = "--quiet", description = "No progress lines, only the summary.")
  boolean quiet;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "Run this scenario (scenarios/*.yaml) instead of a fixed fleet; the run ends when it does.")
  Path scenario;

  @Option(
      names = "--fail-on-loss",
      description =
          "Exit 1 when any reading was dropped (queue full, disconnected, send error, shutdown)"
              + " or, with --verify, is missing at the broker.")
  boolean failOnLoss;

  @Option(
      names = "--verify",
      description =
          "Subscribe back to the broker (MQTT, or an AMQP queue bound to the exchange) and report"
              + " delivered, missing, duplicated and out-of-order readings and end-to-end latency;"
              + " needs --output protocol.")
  boolean verify;

  @Mixin NodeOptions options;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (scenario != null) {
      return callScenario();
    }
    if (count < 1) {
      throw new IllegalArgumentException("--count: must be >= 1 (got " + count + ")");
    }
    Duration span = parseDuration(duration);
    OutputOverride out = OutputOverride.parse(output);
    DeviceProfile p = ProfileLoader.load(profile);
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("iot-sim.node.output", output);
    overrides.put("iot-sim.node.speed", speed);
    overrides.put("iot-sim.node.sim-start", simStart);
    overrides.put("iot-sim.events.log-lifecycle", false);
    EmbeddedRun.alone(overrides);
    if (options.maxDevices == null) {
      overrides.put("iot-sim.node.max-devices", Math.max(count, 1));
    }
    // Console readings own stdout; progress and summary then go to stderr.
    PrintStream report = out.kind() == OutputOverride.Kind.CONSOLE ? System.err : System.out;
    if (verify && !output.equals("protocol")) {
      throw new IllegalArgumentException(
          "--verify: needs --output protocol (got '" + output + "'): it checks the broker");
    }
    if (verify) {
      try {
        Subscriptions.check(p.protocol());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--verify: " + e.getMessage(), e);
      }
    }
    com.typesafe.config.Config config = options.load(overrides);
    DeliveryVerifier verifier = verify ? new DeliveryVerifier() : null;
    AutoCloseable subscriber = null;
    DeliverySummary delivery;
    long missing = 0;
    java.util.List<io.iotsim.core.publish.Publisher> used;
    try {
      try (SimNode node = SimNode.start(config, false)) {
        if (verifier != null) {
          subscriber = Subscriptions.forProfile(config.getConfig("iot-sim"), p, verifier);
          // the subscription is closed here, after the node drained and deliveries settled
          node.verifyWith(verifier, () -> {});
        }
        runFleet(node, p, span, report);
        awaitSent(node);
        used = new java.util.ArrayList<>(node.publishers().all());
      }
      // the node closed: its publishers drained (bounded by their drain timeouts)
      delivery = new DeliverySummary(used);
      delivery.print(report);
      if (verifier != null) {
        verifier.awaitSettled(Duration.ofSeconds(3), Duration.ofSeconds(30));
        VerificationReport verified = verifier.report();
        report.println(verified.summary());
        missing = verified.missing();
      }
      report.flush();
    } finally {
      if (subscriber != null) {
        subscriber.close();
      }
    }
    if (failOnLoss && delivery.lost() > 0) {
      spec.commandLine()
          .getErr()
          .printf("iot-sim run: %,d readings were dropped (--fail-on-loss)%n", delivery.lost());
      return CliErrors.FAILURE;
    }
    if (failOnLoss && missing > 0) {
      spec.commandLine()
          .getErr()
          .printf(
              "iot-sim run: %,d readings are missing at the broker (--fail-on-loss)%n", missing);
      return CliErrors.FAILURE;
    }
    return CliErrors.OK;
  }

  /**
   * Lets the publishers send what they hold before the node closes, for as long as they make
   * progress: at speed max their queues are full when the last window is handed over, and a fixed
   * drain timeout would cut a slow broker short. Stops when nothing is left, or when nothing went
   * out for {@link #STALL} (a broker that is gone: the close's own drain then counts the rest).
   */
  private static void awaitSent(SimNode node) throws InterruptedException {
    long best = Long.MAX_VALUE;
    long lastProgress = System.nanoTime();
    while (true) {
      long left = 0;
      for (io.iotsim.core.publish.Publisher pub : node.publishers().all()) {
        left += pub.stats().snapshot().inFlight();
      }
      if (left == 0) {
        return;
      }
      if (left < best) {
        best = left;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
        return;
      }
      Thread.sleep(50);
    }
  }

  private static final Duration STALL = Duration.ofSeconds(5);

  private void runFleet(SimNode node, DeviceProfile p, Duration span, PrintStream report)
      throws Exception {
    {
      report.printf(
          "iot-sim run: %,d %s devices for %s simulated from %s at speed %s, master seed %d, output %s%n",
          count,
          p.type(),
          Durations.format(span),
          Instant.ofEpochMilli(node.clock().simStartMillis()),
          node.clock().isMaxSpeed() ? "max" : speed,
          node.settings().masterSeed(),
          output);
      report.flush();
      EmbeddedRun.Outcome o =
          new EmbeddedRun(node)
              .run(p, count, labels, span, quiet ? null : report, Duration.ofSeconds(2));
      report.printf(
          "done: %,d devices, %,d readings in %.2f s wall (%,.0f readings/s); spawned in %.2f s%n",
          count, o.readings(), o.wallNanos() / 1e9, o.readingsPerSecond(), o.spawnNanos() / 1e9);
      report.flush();
    }
  }

  private Integer callScenario() throws Exception {
    ScenarioScript script = ScenarioParser.load(scenario);
    OutputOverride.parse(output);
    Double multiplier = null;
    if (!speed.equalsIgnoreCase("max")) {
      try {
        multiplier = Double.parseDouble(speed);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--speed: must be a number > 0 or max (got '" + speed + "')");
      }
      if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException(
            "--speed: must be a number > 0 or max (got '" + speed + "')");
      }
    }
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("iot-sim.node.output", output);
    // started at max speed, so no time passes before the scenario holds it; then set to --speed
    overrides.put("iot-sim.node.speed", "max");
    overrides.put("iot-sim.node.sim-start", simStart);
    overrides.put("iot-sim.events.log-lifecycle", false);
    EmbeddedRun.alone(overrides);
    if (options.maxDevices == null) {
      overrides.put("iot-sim.node.max-devices", 1_000_000);
    }
    OutputOverride out = OutputOverride.parse(output);
    PrintStream report = out.kind() == OutputOverride.Kind.CONSOLE ? System.err : System.out;
    try (SimNode node = SimNode.start(options.load(overrides), false)) {
      report.printf(
          "iot-sim run: scenario %s (%d steps) from %s at speed %s, master seed %d, output %s%n",
          script.name(),
          script.stepsTotal(),
          Instant.ofEpochMilli(node.clock().simStartMillis()),
          multiplier == null ? "max" : speed,
          node.settings().masterSeed(),
          output);
      report.flush();
      long t0 = System.nanoTime();
      long before = node.counters().readings();
      JobStatus job =
          new EmbeddedRun(node)
              .runScenario(
                  script,
                  ProfileResolver.near(scenario),
                  multiplier,
                  quiet ? null : report,
                  Duration.ofSeconds(2));
      long readings = node.counters().readings() - before;
      double wall = (System.nanoTime() - t0) / 1e9;
      if (job.state() != io.iotsim.cluster.scenario.JobState.SUCCEEDED) {
        spec.commandLine()
            .getErr()
            .println(
                "iot-sim run: scenario "
                    + script.name()
                    + " "
                    + job.state().name().toLowerCase(java.util.Locale.ROOT)
                    + ": "
                    + job.failureReason());
        return CliErrors.FAILURE;
      }
      report.printf(
          "done: scenario %s succeeded at %s, %,d readings in %.2f s wall (%,.0f readings/s)%n",
          script.name(),
          Instant.ofEpochMilli(job.simTimeMillis()),
          readings,
          wall,
          readings / Math.max(1e-9, wall));
      report.flush();
    }
    return CliErrors.OK;
  }

  static Duration parseDuration(String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("must be > 0");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--duration: " + e.getMessage(), e);
    }
  }
}
