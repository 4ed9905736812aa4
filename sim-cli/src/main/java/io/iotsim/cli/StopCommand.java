package io.iotsim.cli;

import io.iotsim.client.IotSimClient;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import java.util.concurrent.CompletionStage;
import picocli.CommandLine.Command;

/** Stops (and removes) devices on a running node. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = "Stop devices: --all, --type, --ids or --selector.")
final class StopCommand extends DeviceControlCommand {

  @Override
  String done() {
    return "stopped";
  }

  @Override
  CompletionStage<Counted> send(IotSimClient client, DeviceSelector selector) {
    return client
        .stop(selector)
        .thenApply(r -> new Counted(r.getStopped(), r.getMissingNodesList()));
  }
}
