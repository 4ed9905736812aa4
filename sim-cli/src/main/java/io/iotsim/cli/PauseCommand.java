package io.iotsim.cli;

import io.iotsim.client.IotSimClient;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import java.util.concurrent.CompletionStage;
import picocli.CommandLine.Command;

/** Pauses devices on a running node: they keep their schedule and publish nothing until resumed. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description = "Pause devices: --all, --type, --ids or --selector.")
final class PauseCommand extends DeviceControlCommand {

  @Override
  String done() {
    return "paused";
  }

  @Override
  CompletionStage<Counted> send(IotSimClient client, DeviceSelector selector) {
    return client
        .pause(selector)
        .thenApply(r -> new Counted(r.getPaused(), r.getMissingNodesList()));
  }
}
