package io.iotsim.cli;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iotsim.cluster.grpc.ProtoMapping;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.fault.FaultType;
import io.iotsim.proto.simulator.v1.InjectFaultRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iot-sim fault inject}: faults on a running node. */
@Command(
    name = "fault",
    mixinStandardHelpOptions = true,
    description = "Inject faults into running devices.",
    subcommands = {FaultCommand.Inject.class})
final class FaultCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "inject",
      mixinStandardHelpOptions = true,
      description = {
        "Inject a fault into the selected devices for a span of simulated time; it clears by itself.",
        "Types and parameters: disconnect; latency_spike latency_ms; data_corruption corruption_rate (0..1);",
        "battery_drain drain_multiplier [field] [drain_per_second]; clock_drift drift_rate_ms_per_sec. Any: reason."
      })
  static final class Inject implements Callable<Integer> {

    @Option(
        names = "--type",
        required = true,
        paramLabel = "FAULT",
        description = "disconnect, latency_spike, data_corruption, battery_drain or clock_drift.")
    String type;

    @ArgGroup(exclusive = true, multiplicity = "1")
    SelectionWithoutType selection;

    @Option(
        names = "--duration",
        required = true,
        paramLabel = "D",
        description = "Simulated time the fault lasts, e.g. 60s, 5m.")
    String duration;

    @Option(
        names = "--param",
        paramLabel = "K=V",
        description = "A fault parameter, e.g. latency_ms=500 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Mixin RuntimeOption target;

    @Override
    public Integer call() throws Exception {
      FaultType fault = FaultType.parse(type, "--type");
      var span = RunCommand.parseDuration(duration);
      try {
        FaultSpec.of(fault, 0, span, params);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            e.getMessage().startsWith("params.")
                ? "--param " + e.getMessage().substring(7)
                : e.getMessage(),
            e);
      }
      Struct.Builder struct = Struct.newBuilder();
      params.forEach(
          (k, v) -> {
            Value value;
            try {
              value = Value.newBuilder().setNumberValue(Double.parseDouble(v)).build();
            } catch (NumberFormatException e) {
              value = Value.newBuilder().setStringValue(v).build();
            }
            struct.putFields(k, value);
          });
      InjectFaultRequest request =
          InjectFaultRequest.newBuilder()
              .setSelector(selection.toProto())
              .setFaultType(io.iotsim.cluster.grpc.ProtoMapping.faultType(fault))
              .setDuration(ProtoMapping.duration(span))
              .setParams(struct)
              .build();
      try (io.iotsim.client.IotSimClient client = target.connect()) {
        var r = client.injectFault(request).toCompletableFuture().get(5, TimeUnit.MINUTES);
        System.out.println(
            "injected " + fault.yamlName() + " into " + r.getAffectedDevices() + " devices");
        Partial.print(r.getMissingNodesList());
      }
      return CliErrors.OK;
    }
  }
}
