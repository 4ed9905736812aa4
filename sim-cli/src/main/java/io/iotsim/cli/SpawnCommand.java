package io.iotsim.cli;

import io.iotsim.cluster.grpc.ProfileProtos;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.proto.simulator.v1.SpawnDevicesRequest;
import io.iotsim.proto.simulator.v1.SpawnDevicesResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Spawns devices of a profile on a running node; large counts show a progress bar. */
@Command(
    name = "spawn",
    mixinStandardHelpOptions = true,
    description = "Spawn devices of a profile on a node.")
final class SpawnCommand implements Callable<Integer> {

  private static final int PROGRESS_FROM = 10_000;

  @Option(
      names = "--profile",
      required = true,
      paramLabel = "FILE",
      description = "Device profile (YAML).")
  Path profile;

  @Option(names = "--count", required = true, paramLabel = "N", description = "How many devices.")
  int count;

  @Option(
      names = "--labels",
      paramLabel = "K=V",
      split = ",",
      description = "Extra labels, k=v,k2=v2.")
  Map<String, String> labels = Map.of();

  @Mixin RuntimeOption target;

  @Override
  public Integer call() throws Exception {
    if (count < 1) {
      throw new IllegalArgumentException("--count: must be >= 1 (got " + count + ")");
    }
    DeviceProfile p = ProfileLoader.load(profile);
    SpawnDevicesRequest request =
        SpawnDevicesRequest.newBuilder()
            .setSpec(ProfileProtos.toSpec(p))
            .setCount(count)
            .putAllLabels(labels)
            .build();
    try (io.iotsim.client.IotSimClient client = target.connect()) {
      // One request, so the node accepts or refuses the whole count; the bar follows the node's
      // device count meanwhile.
      long before = activeDevices(client);
      CompletableFuture<SpawnDevicesResponse> spawned = client.spawn(request).toCompletableFuture();
      if (count >= PROGRESS_FROM) {
        try (ProgressBar bar =
            new ProgressBarBuilder()
                .setTaskName("spawning")
                .setInitialMax(count)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build()) {
          while (!spawned.isDone()) {
            try {
              spawned.get(250, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillSpawning) {
              bar.stepTo(Math.max(0, Math.min(count, activeDevices(client) - before)));
            }
          }
          if (!spawned.isCompletedExceptionally()) {
            bar.stepTo(count);
          }
        }
      }
      SpawnDevicesResponse r = spawned.get(10, TimeUnit.MINUTES);
      System.out.println(
          "spawned "
              + r.getCount()
              + " "
              + r.getDeviceType()
              + " devices: "
              + r.getFirstDeviceId()
              + " .. "
              + r.getLastDeviceId());
    }
    return CliErrors.OK;
  }

  private static long activeDevices(io.iotsim.client.IotSimClient client) throws Exception {
    return client
        .runtimeStatus()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS)
        .getActiveDevices();
  }
}
