// Injects random faults into a node's devices, reproducibly from a seed.
//
//   java -cp sim-client/target/iot-sim-client.jar examples/Chaos.java --runtime 127.0.0.1:50051 \
//        [--seed 42] [--rounds 10] [--every 2s] [--selector device_type=temperature_sensor] [--spawn 20]
//
// Each round picks a random running device of the selection, a random fault type and a random
// duration (1-30 s) from a java.util.Random seeded with --seed, injects it and prints what it
// did; the same seed and fleet give the same sequence of choices. --spawn N first spawns N
// temperature sensors (label chaos=<run>) to play with, and stops them at the end.
// Exit 0 on success, 1 when a call fails, 2 on bad arguments.

import com.google.protobuf.Duration;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iotsim.client.BlockingClient;
import io.iotsim.client.IotSimClient;
import io.iotsim.client.Selectors;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import io.iotsim.proto.simulator.v1.DeviceState;
import io.iotsim.proto.simulator.v1.DeviceSummary;
import io.iotsim.proto.simulator.v1.FaultType;
import io.iotsim.proto.simulator.v1.InjectFaultRequest;
import io.iotsim.proto.simulator.v1.ListDevicesRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

public class Chaos {

  private static final FaultType[] FAULTS = {
    FaultType.FAULT_TYPE_DISCONNECT,
    FaultType.FAULT_TYPE_LATENCY_SPIKE,
    FaultType.FAULT_TYPE_DATA_CORRUPTION,
    FaultType.FAULT_TYPE_BATTERY_DRAIN,
    FaultType.FAULT_TYPE_CLOCK_DRIFT
  };

  public static void main(String[] args) throws Exception {
    Map<String, String> a = args(args);
    long seed = Long.parseLong(a.getOrDefault("seed", "42"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "10"));
    long everyMs =
        java.time.Duration.parse("PT" + a.getOrDefault("every", "2s").toUpperCase()).toMillis();
    int spawn = Integer.parseInt(a.getOrDefault("spawn", "0"));
    String run = "chaos-" + Long.toString(System.currentTimeMillis(), 36);
    String selector = a.getOrDefault("selector", spawn > 0 ? "chaos=" + run : "");
    Random random = new Random(seed);
    try (IotSimClient client = IotSimClient.connect(a.getOrDefault("runtime", "127.0.0.1:50051"))) {
      BlockingClient node = client.blocking();
      if (spawn > 0) {
        node.spawnProfile(
            Path.of(a.getOrDefault("profile", "profiles/temperature_sensor.yaml")),
            spawn,
            Map.of("chaos", run));
      }
      DeviceSelector sel = selector.isEmpty() ? Selectors.all() : Selectors.labels(selector);
      List<DeviceSummary> devices = running(node, sel);
      System.out.println("chaos seed " + seed + ": " + devices.size() + " devices");
      for (int round = 1; round <= rounds; round++) {
        DeviceSummary victim = devices.get(random.nextInt(devices.size()));
        FaultType fault = FAULTS[random.nextInt(FAULTS.length)];
        int seconds = 1 + random.nextInt(30);
        int affected =
            node.injectFault(
                InjectFaultRequest.newBuilder()
                    .setSelector(Selectors.ids(List.of(victim.getDeviceId())))
                    .setFaultType(fault)
                    .setDuration(Duration.newBuilder().setSeconds(seconds))
                    .setParams(params(fault, random))
                    .build());
        System.out.printf(
            "round %d: %s %s for %ds (%d affected)%n",
            round, victim.getDeviceId(), fault.name().substring(11).toLowerCase(), seconds, affected);
        Thread.sleep(everyMs);
      }
      if (spawn > 0) {
        System.out.println("stopped " + node.stop(Selectors.labels("chaos=" + run)) + " devices");
      }
    } catch (RuntimeException e) {
      System.err.println("Chaos: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Each fault's required parameter, drawn from the same seeded random. */
  private static Struct params(FaultType fault, Random random) {
    String key =
        switch (fault) {
          case FAULT_TYPE_LATENCY_SPIKE -> "latency_ms";
          case FAULT_TYPE_DATA_CORRUPTION -> "corruption_rate";
          case FAULT_TYPE_BATTERY_DRAIN -> "drain_multiplier";
          case FAULT_TYPE_CLOCK_DRIFT -> "drift_rate_ms_per_sec";
          default -> null;
        };
    double value =
        switch (fault) {
          case FAULT_TYPE_LATENCY_SPIKE -> 50 + random.nextInt(2000);
          case FAULT_TYPE_DATA_CORRUPTION -> 0.05 + 0.5 * random.nextDouble();
          case FAULT_TYPE_BATTERY_DRAIN -> 2 + random.nextInt(20);
          case FAULT_TYPE_CLOCK_DRIFT -> 1 + random.nextInt(100);
          default -> 0;
        };
    Struct.Builder b = Struct.newBuilder();
    if (key != null) {
      b.putFields(key, Value.newBuilder().setNumberValue(value).build());
    }
    return b.build();
  }

  /** The selection's running devices, in id order (so a seed picks the same ones). */
  private static List<DeviceSummary> running(BlockingClient node, DeviceSelector sel)
      throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      List<DeviceSummary> d =
          node.allDevices(
              ListDevicesRequest.newBuilder()
                  .setSelector(sel)
                  .setState(DeviceState.DEVICE_STATE_RUNNING)
                  .build());
      if (!d.isEmpty()) {
        return d;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no running device matches the selection");
  }

  static Map<String, String> args(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        System.err.println("unexpected argument: " + args[i]);
        System.exit(2);
      }
      String k = args[i].substring(2);
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        m.put(k, args[++i]);
      } else {
        m.put(k, "");
      }
    }
    return m;
  }
}
