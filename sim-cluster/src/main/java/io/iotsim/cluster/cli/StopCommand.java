package io.iotsim.cluster.cli;

import io.iotsim.proto.simulator.v1.StopDevicesRequest;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stops (and removes) devices on a running node. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop devices: --all, --type, --ids or --selector.")
final class StopCommand implements Callable<Integer> {

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
              .stopDevices(StopDevicesRequest.newBuilder().setSelector(selector).build())
              .toCompletableFuture()
              .get(5, TimeUnit.MINUTES);
      System.out.println("stopped " + r.getStopped() + " devices");
    }
    return CliErrors.OK;
  }
}
