package io.iotsim.cli;

import io.iotsim.proto.simulator.v1.ClusterMember;
import io.iotsim.proto.simulator.v1.GetClusterStatusResponse;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iot-sim cluster status}: the cluster's members as the node asked sees them. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Cluster commands.",
    subcommands = {ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: status");
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Members, status, reachability, shards and devices per node.")
  static final class Status implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin RuntimeOption target;

    @Override
    public Integer call() throws Exception {
      try (io.iotsim.client.IotSimClient client = target.connect()) {
        GetClusterStatusResponse s =
            client.clusterStatus().toCompletableFuture().get(1, TimeUnit.MINUTES);
        if (json) {
          System.out.println(ProtoJson.print(s));
          return CliErrors.OK;
        }
        System.out.printf(
            "answered by %s, leader %s, %d members, %d devices%n",
            s.getSelf(),
            s.getLeader().isEmpty() ? "(none)" : s.getLeader(),
            s.getMembersCount(),
            s.getDevicesTotal());
        System.out.printf(
            "%-24s %-9s %-11s %7s %10s%n", "NODE", "STATUS", "REACHABLE", "SHARDS", "DEVICES");
        for (ClusterMember m : s.getMembersList()) {
          System.out.printf(
              "%-24s %-9s %-11s %7s %10s%n",
              m.getNode(),
              m.getStatus(),
              m.getReachable() ? "yes" : "NO",
              m.getShards() < 0 ? "?" : Integer.toString(m.getShards()),
              m.getDevices() < 0 ? "?" : Long.toString(m.getDevices()));
        }
        Partial.print(s.getMissingNodesList());
      }
      return CliErrors.OK;
    }
  }
}
