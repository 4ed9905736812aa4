package io.iotsim.cli;

import io.iotsim.proto.simulator.v1.DeviceRuntimeServiceClient;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import io.iotsim.proto.simulator.v1.PauseDevicesRequest;
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
  CompletionStage<Integer> send(DeviceRuntimeServiceClient client, DeviceSelector selector) {
    return client
        .pauseDevices(PauseDevicesRequest.newBuilder().setSelector(selector).build())
        .thenApply(r -> r.getPaused());
  }
}
