// Rolls a firmware update out in waves, with a health gate on the telemetry stream; rolls every
// wave back when a gate fails.
//
//   java -cp sim-client/target/iot-sim-client.jar examples/FirmwareRollout.java --runtime 127.0.0.1:50051 \
//        [--spawn 20 | --selector device_type=temperature_sensor] [--firmware 2.0.0] [--waves 2] \
//        [--watch 5s] [--field temperature] [--min -40] [--max 85] [--bad-firmware]
//
// A wave sets the label firmware=<--firmware> on its devices (the update; with --bad-firmware the
// update also breaks the --field generator, as a faulty firmware would) and then watches the
// wave's telemetry stream for --watch: the gate passes when readings arrive and every value of
// --field lies in [--min, --max]. When a gate fails, every updated wave gets its previous firmware
// label and generator back. --spawn N first spawns N temperature sensors (label rollout=<run>)
// to roll out to, and stops them at the end.
// Exit 0 when every wave passed, 3 when a gate failed (and the rollback ran), 1 when a call
// failed, 2 on bad arguments.

import io.iotsim.client.BlockingClient;
import io.iotsim.client.IotSimClient;
import io.iotsim.client.Selectors;
import io.iotsim.proto.simulator.v1.*;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.javadsl.Sink;

public class FirmwareRollout {

  public static void main(String[] args) throws Exception {
    Map<String, String> a = args(args);
    String firmware = a.getOrDefault("firmware", "2.0.0");
    int waves = Integer.parseInt(a.getOrDefault("waves", "2"));
    Duration watch = Duration.parse("PT" + a.getOrDefault("watch", "5s").toUpperCase());
    String field = a.getOrDefault("field", "temperature");
    double min = Double.parseDouble(a.getOrDefault("min", "-40"));
    double max = Double.parseDouble(a.getOrDefault("max", "85"));
    int spawn = Integer.parseInt(a.getOrDefault("spawn", "0"));
    String run = "rollout-" + Long.toString(System.currentTimeMillis(), 36);
    String selector = a.getOrDefault("selector", spawn > 0 ? "rollout=" + run : "");
    if (selector.isEmpty() || waves < 1) {
      System.err.println("FirmwareRollout: give --spawn N or --selector EXPR, and --waves >= 1");
      System.exit(2);
    }
    int exit = 0;
    try (IotSimClient client = IotSimClient.connect(a.getOrDefault("runtime", "127.0.0.1:50051"))) {
      BlockingClient node = client.blocking();
      if (spawn > 0) {
        node.spawnProfile(
            Path.of(a.getOrDefault("profile", "profiles/temperature_sensor.yaml")),
            spawn,
            Map.of("rollout", run));
      }
      List<String> ids = running(node, Selectors.labels(selector));
      // What to roll back to: the firmware label and the field's generator before the rollout.
      DeviceDetail before = node.device(ids.get(0));
      String oldFirmware = before.getLabelsOrDefault("firmware", "unknown");
      TelemetryField oldField =
          before.getSpec().getTelemetryFieldsList().stream()
              .filter(f -> f.getName().equals(field))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("--field: no field " + field));
      List<List<String>> plan = split(ids, waves);
      List<List<String>> done = new ArrayList<>();
      for (int w = 0; w < plan.size(); w++) {
        List<String> wave = plan.get(w);
        UpdateDeviceBehaviorRequest.Builder update =
            UpdateDeviceBehaviorRequest.newBuilder()
                .setSelector(Selectors.ids(wave))
                .putSetLabels("firmware", firmware);
        if (a.containsKey("bad-firmware")) {
          update.addTelemetryFields(broken(field));
        }
        int updated = node.update(update.build());
        done.add(wave);
        String verdict = gate(client, wave, field, min, max, watch);
        System.out.printf(
            "wave %d/%d: %d devices on %s, gate %s%n",
            w + 1, plan.size(), updated, firmware, verdict == null ? "passed" : "FAILED: " + verdict);
        if (verdict != null) {
          for (List<String> back : done) {
            node.update(
                UpdateDeviceBehaviorRequest.newBuilder()
                    .setSelector(Selectors.ids(back))
                    .putSetLabels("firmware", oldFirmware)
                    .addTelemetryFields(oldField)
                    .build());
          }
          System.out.println("rolled back " + done.size() + " wave(s) to firmware " + oldFirmware);
          exit = 3;
          break;
        }
      }
      if (exit == 0) {
        System.out.println("rollout of " + firmware + " complete: " + ids.size() + " devices");
      }
      if (spawn > 0) {
        node.stop(Selectors.labels("rollout=" + run));
      }
    } catch (RuntimeException e) {
      System.err.println("FirmwareRollout: " + e.getMessage());
      System.exit(1);
    }
    System.exit(exit);
  }

  /** null when the wave is healthy, else why not: watches the wave's telemetry for a while. */
  private static String gate(
      IotSimClient client, List<String> wave, String field, double min, double max, Duration watch)
      throws Exception {
    List<TelemetryPoint> points =
        client
            .telemetry(StreamTelemetryRequest.newBuilder().setSelector(Selectors.ids(wave)).build())
            .takeWithin(watch)
            .mapConcat(StreamTelemetryResponse::getPointsList)
            .runWith(Sink.seq(), client.system())
            .toCompletableFuture()
            .get(watch.toMillis() + 60_000, TimeUnit.MILLISECONDS);
    if (points.isEmpty()) {
      return "no readings within " + watch.toSeconds() + "s";
    }
    for (TelemetryPoint p : points) {
      for (FieldValue v : p.getFieldsList()) {
        if (v.getName().equals(field)
            && v.hasNumber()
            && (v.getNumber() < min || v.getNumber() > max)) {
          return p.getDeviceId() + " " + field + "=" + v.getNumber() + " outside [" + min + ", " + max + "]";
        }
      }
    }
    return null;
  }

  /** What a faulty firmware does to the field: readings far out of any sane range. */
  private static TelemetryField broken(String field) {
    var gen = com.google.protobuf.Struct.newBuilder();
    gen.putFields("type", com.google.protobuf.Value.newBuilder().setStringValue("gaussian").build());
    gen.putFields("mean", com.google.protobuf.Value.newBuilder().setNumberValue(1000).build());
    gen.putFields("stddev", com.google.protobuf.Value.newBuilder().setNumberValue(1).build());
    return TelemetryField.newBuilder().setName(field).setGenerator(gen).build();
  }

  private static List<List<String>> split(List<String> ids, int waves) {
    List<List<String>> out = new ArrayList<>();
    int n = Math.min(waves, ids.size());
    for (int w = 0; w < n; w++) {
      out.add(ids.subList(ids.size() * w / n, ids.size() * (w + 1) / n));
    }
    return out;
  }

  private static List<String> running(BlockingClient node, DeviceSelector sel) throws Exception {
    for (int i = 0; i < 300; i++) {
      List<String> ids =
          node
              .allDevices(
                  ListDevicesRequest.newBuilder()
                      .setSelector(sel)
                      .setState(DeviceState.DEVICE_STATE_RUNNING)
                      .build())
              .stream()
              .map(DeviceSummary::getDeviceId)
              .toList();
      if (!ids.isEmpty()) {
        return ids;
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
