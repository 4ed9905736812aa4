package io.iotsim.cluster.cli;

import io.iotsim.core.selector.Selector;
import io.iotsim.proto.simulator.v1.DeviceIds;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import java.util.List;
import picocli.CommandLine.Option;

/** Device selection for commands whose {@code --type} means something else (fault inject). */
final class TargetSelection {

  @Option(names = "--all", description = "Every device.")
  boolean all;

  @Option(names = "--ids", paramLabel = "ID", split = ",", description = "These device ids (comma-separated).")
  List<String> ids;

  @Option(
      names = "--selector",
      paramLabel = "EXPR",
      description = "Selector: k=v, k!=v, k in (a,b), device_type=T; commas AND terms.")
  String selector;

  DeviceSelector toProto() {
    if (all) {
      return DeviceSelector.newBuilder().setAll(true).build();
    }
    if (ids != null) {
      return DeviceSelector.newBuilder().setDeviceIds(DeviceIds.newBuilder().addAllIds(ids)).build();
    }
    try {
      Selector.parse(selector);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--selector: " + e.getMessage(), e);
    }
    return DeviceSelector.newBuilder().setLabelSelector(selector).build();
  }
}
