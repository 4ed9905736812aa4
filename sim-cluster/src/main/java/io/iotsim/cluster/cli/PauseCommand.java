package io.iotsim.cluster.cli;

import io.iotsim.proto.simulator.v1.PauseDevicesRequest;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Pauses devices on a running node: they keep their schedule and publish nothing until resumed. */
@Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause devices: --all, --type, --ids or --selector.")
final class PauseCommand implements Callable<Integer> {

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
              .pauseDevices(PauseDevicesRequest.newBuilder().setSelector(selector).build())
              .toCompletableFuture()
              .get(5, TimeUnit.MINUTES);
      System.out.println("paused " + r.getPaused() + " devices");
    }
    return CliErrors.OK;
  }
}
