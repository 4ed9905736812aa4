package io.iotsim.cli;

import io.iotsim.proto.simulator.v1.GetFleetStatusResponse;
import io.iotsim.proto.simulator.v1.NodeFleetStatus;
import io.iotsim.proto.simulator.v1.TypeStatus;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints the fleet's devices by state and type. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Fleet status: devices by state and type.")
final class StatusCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Mixin RuntimeOption target;

  @Override
  public Integer call() throws Exception {
    try (io.iotsim.client.IotSimClient client = target.connect()) {
      GetFleetStatusResponse s =
          client.fleetStatus().toCompletableFuture().get(1, TimeUnit.MINUTES);
      if (json) {
        System.out.println(ProtoJson.print(s));
        return CliErrors.OK;
      }
      System.out.println("devices: " + s.getTotalDevices() + "  " + s.getByStateMap());
      System.out.printf("%-32s %10s  %s%n", "TYPE", "DEVICES", "BY STATE");
      for (TypeStatus t : s.getByTypeList()) {
        System.out.printf("%-32s %10d  %s%n", t.getDeviceType(), t.getTotal(), t.getByStateMap());
      }
      if (s.getByNodeCount() > 0) {
        System.out.printf("%-32s %10s  %s%n", "NODE", "DEVICES", "BY STATE");
        for (NodeFleetStatus n : s.getByNodeList()) {
          System.out.printf("%-32s %10d  %s%n", n.getNode(), n.getTotal(), n.getByStateMap());
        }
      }
      Partial.print(s.getMissingNodesList());
    }
    return CliErrors.OK;
  }
}
