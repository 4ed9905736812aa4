package io.iotsim.cli;

import io.iotsim.client.IotSimClient;
import io.iotsim.proto.simulator.v1.DeviceSelector;
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
  CompletionStage<Counted> send(IotSimClient client, DeviceSelector selector) {
    return client
        .resume(selector)
        .thenApply(r -> new Counted(r.getResumed(), r.getMissingNodesList()));
  }
}
