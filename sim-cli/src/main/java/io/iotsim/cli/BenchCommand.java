package io.iotsim.cli;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The foundation benchmark at real speed: spawn rate, live heap per device, sustained readings/s,
 * tick lateness and GC pauses over a measured window after a warm-up.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark a fleet at real speed: spawn rate, heap per device, readings/s, tick lateness, GC pauses.")
final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--devices",
      paramLabel = "N",
      defaultValue = "100000",
      description = "Devices (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(
      names = "--interval",
      paramLabel = "D",
      defaultValue = "1s",
      description = "Telemetry interval of every device (default ${DEFAULT-VALUE}).")
  String interval;

  @Option(
      names = "--duration",
      paramLabel = "D",
      defaultValue = "60s",
      description = "Measured wall time after warm-up (default ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--warmup",
      paramLabel = "D",
      defaultValue = "15s",
      description = "Wall time before measuring (default ${DEFAULT-VALUE}).")
  String warmup;

  @Option(
      names = "--output",
      paramLabel = "OUT",
      defaultValue = "null",
      description = "null (default), console, jsonl:FILE or protocol.")
  String output;

  @Option(
      names = "--profile",
      paramLabel = "FILE",
      defaultValue = "profiles/temperature_sensor.yaml",
      description = "Profile (default ${DEFAULT-VALUE}); its interval is replaced by --interval.")
  Path profile;

  @Mixin NodeOptions options;

  @Override
  public Integer call() throws Exception {
    if (devices < 1) {
      throw new IllegalArgumentException("--devices: must be >= 1 (got " + devices + ")");
    }
    Duration every = parse("--interval", interval);
    Duration measured = parse("--duration", duration);
    Duration warm = parse("--warmup", warmup);
    DeviceProfile p = ProfileLoader.load(profile);
    DeviceProfile benched =
        new DeviceProfile(
            p.type(),
            p.protocol(),
            p.topicTemplate(),
            every,
            p.fields(),
            p.labels(),
            p.qos(),
            p.backpressure(),
            p.connection(),
            p.protocolOptions());
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("iot-sim.node.output", output);
    overrides.put("iot-sim.node.speed", "1");
    overrides.put("iot-sim.node.sim-start", "now");
    overrides.put("iot-sim.events.log-lifecycle", false);
    EmbeddedRun.alone(overrides);
    if (options.maxDevices == null) {
      overrides.put("iot-sim.node.max-devices", devices);
    }
    try (SimNode node = SimNode.start(options.load(overrides), false);
        GcPauses gc = new GcPauses()) {
      long heapBefore = LiveHeap.bytes();
      EmbeddedRun run = new EmbeddedRun(node);
      WorkDone spawnWork = new WorkDone();
      EmbeddedRun.Held held = run.spawnHeld(benched, devices, Map.of());
      double spawnSeconds = held.spawnNanos() / 1e9;
      double spawnCpu = spawnWork.cpuSeconds();
      long spawnAllocated = spawnWork.allocatedBytes();
      run.release(held);
      System.out.printf(
          "spawned %,d devices in %.2f s (%,.0f devices/s; CPU %.1f s, allocated %,d B per device);"
              + " warming up %s%n",
          devices,
          spawnSeconds,
          devices / spawnSeconds,
          spawnCpu,
          spawnAllocated / devices,
          warmup);
      Thread.sleep(warm.toMillis());
      node.counters().takeLateness();
      gc.reset();
      long r0 = node.counters().readings();
      long t0 = System.nanoTime();
      Thread.sleep(measured.toMillis());
      long readings = node.counters().readings() - r0;
      double wall = (System.nanoTime() - t0) / 1e9;
      Histogram lateness = node.counters().takeLateness();
      Histogram pauses = gc.snapshot();
      long heapAfter = LiveHeap.bytes();
      double expected = devices * 1000.0 / every.toMillis();
      System.out.println(
          "iot-sim bench: "
              + devices
              + " devices @ "
              + interval
              + ", output "
              + output
              + ", measured "
              + duration
              + " after "
              + warmup
              + " warm-up");
      System.out.printf(
          "  spawn            %,.0f devices/s (%.2f s; CPU %.1f s, allocated %,d B per device)%n",
          devices / spawnSeconds, spawnSeconds, spawnCpu, spawnAllocated / devices);
      System.out.printf(
          "  heap per device  %,d B (live objects %,d MiB; before spawn %,d MiB; max %,d MiB)%n",
          (heapAfter - heapBefore) / devices,
          heapAfter >> 20,
          heapBefore >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf(
          "  readings/s       %,.0f (expected %,.0f; %.1f%%)%n",
          readings / wall, expected, 100 * readings / wall / expected);
      System.out.printf(
          "  tick lateness    p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d readings)%n",
          lateness.getValueAtPercentile(50) / 1000.0,
          lateness.getValueAtPercentile(99) / 1000.0,
          lateness.getMaxValue() / 1000.0,
          lateness.getTotalCount());
      System.out.printf(
          "  GC pauses        p99 %d ms, max %d ms, %d pauses (%s)%n",
          pauses.getValueAtPercentile(99), pauses.getMaxValue(), pauses.getTotalCount(), gcNames());
      System.out.printf(
          "  dropped          %,d publish, %,d device errors%n",
          node.counters().publishDropped(), node.counters().deviceErrors());
    }
    return CliErrors.OK;
  }

  private static Duration parse(String option, String text) {
    try {
      return RunCommand.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replace("--duration", option), e);
    }
  }

  private static String gcNames() {
    return String.join(
        ", ",
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
  }
}
