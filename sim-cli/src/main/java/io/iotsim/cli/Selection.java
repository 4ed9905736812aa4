package io.iotsim.cli;

import io.iotsim.core.selector.Selector;
import io.iotsim.proto.simulator.v1.DeviceIds;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import java.util.List;
import picocli.CommandLine.Option;

/** Which devices a command targets (the selection options); exactly one of them. */
final class Selection {

  @Option(names = "--all", description = "Every device.")
  boolean all;

  @Option(names = "--type", paramLabel = "TYPE", description = "Devices of this type.")
  String type;

  @Option(
      names = "--ids",
      paramLabel = "ID",
      split = ",",
      description = "These device ids (comma-separated).")
  List<String> ids;

  @Option(
      names = "--selector",
      paramLabel = "EXPR",
      description = "Label selector: k=v, k!=v, k in (a,b), device_type=T; commas AND terms.")
  String selector;

  /** The proto selector; validated here so bad input fails before any call. */
  DeviceSelector toProto() {
    return toProto(all, ids, type != null ? "device_type=" + type : selector);
  }

  /** All, a list of ids, or a label selector expression (validated, naming --selector). */
  static DeviceSelector toProto(boolean all, java.util.List<String> ids, String expression) {
    if (all) {
      return DeviceSelector.newBuilder().setAll(true).build();
    }
    if (ids != null) {
      return DeviceSelector.newBuilder()
          .setDeviceIds(DeviceIds.newBuilder().addAllIds(ids))
          .build();
    }
    try {
      Selector.parse(expression);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--selector: " + e.getMessage(), e);
    }
    return DeviceSelector.newBuilder().setLabelSelector(expression).build();
  }

  boolean given() {
    return all || type != null || ids != null || selector != null;
  }
}
