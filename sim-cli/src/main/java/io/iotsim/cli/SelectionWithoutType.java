package io.iotsim.cli;

import io.iotsim.proto.simulator.v1.DeviceSelector;
import java.util.List;
import picocli.CommandLine.Option;

/** Device selection for commands whose {@code --type} means something else (fault inject). */
final class SelectionWithoutType {

  @Option(names = "--all", description = "Every device.")
  boolean all;

  @Option(
      names = "--ids",
      paramLabel = "ID",
      split = ",",
      description = "These device ids (comma-separated).")
  List<String> ids;

  @Option(
      names = "--selector",
      paramLabel = "EXPR",
      description = "Selector: k=v, k!=v, k in (a,b), device_type=T; commas AND terms.")
  String selector;

  DeviceSelector toProto() {
    return Selection.toProto(all, ids, selector);
  }
}
