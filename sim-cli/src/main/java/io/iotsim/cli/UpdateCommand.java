package io.iotsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.iotsim.cluster.grpc.ProtoMapping;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.proto.simulator.v1.TelemetryField;
import io.iotsim.proto.simulator.v1.UpdateDeviceBehaviorRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Changes interval, generators or labels of running devices (UpdateDeviceBehavior). */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = "Change the interval, generators or labels of running devices.")
final class UpdateCommand implements Callable<Integer> {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  @Option(names = "--interval", paramLabel = "D", description = "New telemetry interval, e.g. 30s.")
  String interval;

  @Option(
      names = "--field",
      paramLabel = "NAME=GEN",
      description =
          "Replace a field's generator, e.g. temperature='{type: gaussian, mean: 30, stddev: 1}' (repeatable).")
  Map<String, String> fields = new LinkedHashMap<>();

  @Option(names = "--set-label", paramLabel = "K=V", description = "Set a label (repeatable).")
  Map<String, String> setLabels = new LinkedHashMap<>();

  @Option(names = "--remove-label", paramLabel = "K", description = "Remove a label (repeatable).")
  List<String> removeLabels = new ArrayList<>();

  @Mixin RuntimeOption target;

  @Override
  public Integer call() throws Exception {
    UpdateDeviceBehaviorRequest.Builder request =
        UpdateDeviceBehaviorRequest.newBuilder().setSelector(selection.toProto());
    java.time.Duration span = null;
    if (interval != null) {
      try {
        span = io.iotsim.core.time.Durations.parse(interval);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--interval: " + e.getMessage(), e);
      }
      request.setTelemetryInterval(ProtoMapping.duration(span));
    }
    var tree = YAML.createObjectNode();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      JsonNode generator;
      try {
        generator = YAML.readTree(f.getValue());
      } catch (Exception e) {
        throw new IllegalArgumentException(
            "--field "
                + f.getKey()
                + ": not a YAML/JSON mapping ("
                + e.getMessage().lines().findFirst().orElse("")
                + ")");
      }
      if (generator == null || !generator.isObject()) {
        // 'not yaml {' reads as a plain string: still not a generator, and bad input either way
        throw new IllegalArgumentException(
            "--field "
                + f.getKey()
                + ": not a YAML/JSON mapping such as '{type: gaussian, mean: 20, stddev: 1}' (got '"
                + f.getValue()
                + "')");
      }
      tree.set(f.getKey(), generator);
      Struct.Builder struct = Struct.newBuilder();
      JsonFormat.parser().merge(new ObjectMapper().writeValueAsString(generator), struct);
      request.addTelemetryFields(
          TelemetryField.newBuilder().setName(f.getKey()).setGenerator(struct));
    }
    // checked here as the node will, so bad input fails before any call
    BehaviourUpdate.of(span, tree, setLabels, removeLabels, 0);
    request.putAllSetLabels(setLabels).addAllRemoveLabels(removeLabels);
    try (io.iotsim.client.IotSimClient client = target.connect()) {
      var r = client.update(request.build()).toCompletableFuture().get(5, TimeUnit.MINUTES);
      System.out.println("updated " + r.getUpdated() + " devices");
      Partial.print(r.getMissingNodesList());
    }
    return CliErrors.OK;
  }
}
