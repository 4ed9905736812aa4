package io.iotsim.cluster.cli;

import io.iotsim.proto.simulator.v1.ResumeDevicesRequest;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Resumes paused devices on a running node. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume paused devices: --all, --type, --ids or --selector.")
final class ResumeCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selectors selection;

  @Mixin RuntimeOption target;

  @Override
  public Integer call() throws Exception {
    var selector = selection.toProto();
    try (RuntimeClient client = new RuntimeClient(target)) {
      var r =
          client
              .grpc()
              .resumeDevices(ResumeDevicesRequest.newBuilder().setSelector(selector).build())
              .toCompletableFuture()
              .get(5, TimeUnit.MINUTES);
      System.out.println("resumed " + r.getResumed() + " devices");
    }
    return CliErrors.OK;
  }
}
