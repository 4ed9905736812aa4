// Ramps a node up to N devices in steps and reports readings/s at each step.
//
//   java -cp sim-client/target/iot-sim-client.jar examples/RampUp.java --runtime 127.0.0.1:50051 \
//        [--profile profiles/temperature_sensor.yaml] [--target 1000] [--steps 4] [--hold 10s] [--keep]
//
// Each step spawns target/steps more devices (label ramp=<run>), waits until they run, holds, and
// prints the node's readings/s from its runtime status. At the end it stops what it spawned
// (unless --keep). Exit 0 on success, 1 when a call fails, 2 on bad arguments.

import io.iotsim.client.BlockingClient;
import io.iotsim.client.IotSimClient;
import io.iotsim.client.Selectors;
import io.iotsim.proto.simulator.v1.GetRuntimeStatusResponse;
import io.iotsim.proto.simulator.v1.SpawnDevicesResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

public class RampUp {

  public static void main(String[] args) throws Exception {
    Map<String, String> a = args(args);
    String runtime = a.getOrDefault("runtime", "127.0.0.1:50051");
    Path profile = Path.of(a.getOrDefault("profile", "profiles/temperature_sensor.yaml"));
    int target = Integer.parseInt(a.getOrDefault("target", "1000"));
    int steps = Integer.parseInt(a.getOrDefault("steps", "4"));
    Duration hold = Duration.parse("PT" + a.getOrDefault("hold", "10s").toUpperCase());
    if (target < 1 || steps < 1 || steps > target) {
      System.err.println("RampUp: --target must be >= 1 and --steps in 1..target");
      System.exit(2);
    }
    String run = "ramp-" + Long.toString(System.currentTimeMillis(), 36);
    try (IotSimClient client = IotSimClient.connect(runtime)) {
      BlockingClient node = client.blocking();
      int spawned = 0;
      for (int step = 1; step <= steps; step++) {
        int want = (int) ((long) target * step / steps) - spawned;
        SpawnDevicesResponse r = node.spawnProfile(profile, want, Map.of("ramp", run));
        spawned += r.getCount();
        waitRunning(node, run, spawned);
        Thread.sleep(hold.toMillis());
        GetRuntimeStatusResponse s = node.runtimeStatus();
        System.out.printf(
            "step %d/%d: %d devices (%d on the node), %.1f readings/s%n",
            step, steps, spawned, s.getActiveDevices(), s.getMessagesPerSecond());
      }
      if (!a.containsKey("keep")) {
        System.out.println("stopped " + node.stop(Selectors.labels("ramp=" + run)) + " devices");
      }
    } catch (RuntimeException e) {
      System.err.println("RampUp: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void waitRunning(BlockingClient node, String run, int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      var s =
          node.fleetStatus(); // the whole fleet; our devices carry ramp=run
      long ours =
          node.listDevices(
                  io.iotsim.proto.simulator.v1.ListDevicesRequest.newBuilder()
                      .setSelector(Selectors.labels("ramp=" + run))
                      .setState(io.iotsim.proto.simulator.v1.DeviceState.DEVICE_STATE_RUNNING)
                      .setLimit(1)
                      .build())
              .getDevicesCount();
      if (ours > 0 && s.getByStateMap().getOrDefault("running", 0L) >= n) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("devices did not start within 2 minutes");
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
