package io.iotsim.cli;

import io.iotsim.proto.simulator.v1.DeviceRuntimeServiceClient;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import io.iotsim.proto.simulator.v1.ResumeDevicesRequest;
import java.util.concurrent.CompletionStage;
import picocli.CommandLine.Command;

/** Resumes paused devices on a running node. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Resume devices: --all, --type, --ids or --selector.")
final class ResumeCommand extends DeviceControlCommand {

  @Override
  String done() {
    return "resumed";
  }

  @Override
  CompletionStage<Integer> send(DeviceRuntimeServiceClient client, DeviceSelector selector) {
    return client
        .resumeDevices(ResumeDevicesRequest.newBuilder().setSelector(selector).build())
        .thenApply(r -> r.getResumed());
  }
}
