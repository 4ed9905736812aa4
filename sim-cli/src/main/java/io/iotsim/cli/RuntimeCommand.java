package io.iotsim.cli;

import io.iotsim.proto.simulator.v1.GetRuntimeStatusResponse;
import io.iotsim.proto.simulator.v1.ProtocolStatus;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iot-sim runtime status}: the node's own health. */
@Command(
    name = "runtime",
    mixinStandardHelpOptions = true,
    description = "Node runtime commands.",
    subcommands = {RuntimeCommand.Status.class})
final class RuntimeCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: status");
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Active devices, messages, rate, heap, uptime, threads.")
  static final class Status implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin RuntimeOption target;

    @Override
    public Integer call() throws Exception {
      try (io.iotsim.client.IotSimClient client = target.connect()) {
        GetRuntimeStatusResponse s =
            client.runtimeStatus().toCompletableFuture().get(1, TimeUnit.MINUTES);
        if (json) {
          System.out.println(ProtoJson.print(s));
          return CliErrors.OK;
        }
        System.out.printf(
            "node            %s (run %s, %d members)%n",
            s.getNodeAddress(), s.getRunId(), s.getClusterMembers());
        System.out.printf(
            "active devices  %d of max %d%n", s.getActiveDevices(), s.getMaxDevices());
        System.out.printf(
            "messages sent   %d (%.1f/s)%n", s.getMessagesSentTotal(), s.getMessagesPerSecond());
        System.out.printf(
            "heap            %.1f MiB of %.1f MiB%n",
            s.getHeapUsedBytes() / 1048576.0, s.getHeapMaxBytes() / 1048576.0);
        System.out.printf("uptime          %ds%n", s.getUptime().getSeconds());
        System.out.printf("threads         %d%n", s.getThreadCount());
        System.out.printf(
            "sim time        %s (speed %s)%n",
            Instant.ofEpochSecond(s.getSimTime().getSeconds(), s.getSimTime().getNanos()),
            s.getSpeed() == 0 ? "max" : s.getSpeed());
        System.out.printf("master seed     %d%n", s.getMasterSeed());
        System.out.printf("stream drops    %d%n", s.getTelemetryDroppedTotal());
        for (ProtocolStatus p : s.getProtocolsList()) {
          System.out.printf(
              "  %-8s ok %d, errors %d, dropped %d, queue %d, p50 %.2f ms, p99 %.2f ms%n",
              p.getProtocol(),
              p.getSentOk(),
              p.getSentError(),
              p.getDropped(),
              p.getQueueDepth(),
              p.getLatencyP50Ms(),
              p.getLatencyP99Ms());
          System.out.printf(
              "           generated %d = published %d + dropped %d (queue_full %d, disconnected %d,"
                  + " error %d, shutdown %d) + in flight %d; acknowledged %d; connections %d up, %d"
                  + " connecting%n",
              p.getGenerated(),
              p.getSentOk(),
              p.getDropped()
                  + p.getDroppedDisconnected()
                  + p.getSentError()
                  + p.getDroppedShutdown(),
              p.getDropped(),
              p.getDroppedDisconnected(),
              p.getSentError(),
              p.getDroppedShutdown(),
              p.getInFlight(),
              p.getAcknowledged(),
              p.getConnected(),
              p.getConnecting());
        }
        if (s.hasVerification()) {
          var v = s.getVerification();
          System.out.printf(
              "verify          expected %d, delivered %d, missing %d, duplicated %d, out of order %d"
                  + " (foreign %d); e2e p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
              v.getExpected(),
              v.getDelivered(),
              v.getMissing(),
              v.getDuplicated(),
              v.getOutOfOrder(),
              v.getForeign(),
              v.getE2EP50Ms(),
              v.getE2EP99Ms(),
              v.getE2EP999Ms(),
              v.getE2EMaxMs());
        }
      }
      return CliErrors.OK;
    }
  }
}
