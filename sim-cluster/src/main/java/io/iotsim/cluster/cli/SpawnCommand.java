package io.iotsim.cluster.cli;

import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.profile.ProfileProtos;
import io.iotsim.proto.simulator.v1.SpawnDevicesRequest;
import io.iotsim.proto.simulator.v1.SpawnDevicesResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Spawns devices of a profile on a running node; large counts go in chunks behind a progress bar. */
@Command(name = "spawn", mixinStandardHelpOptions = true, description = "Spawn devices of a profile on a node.")
final class SpawnCommand implements Callable<Integer> {

  private static final int CHUNK = 10_000;

  @Option(names = "--profile", required = true, paramLabel = "FILE", description = "Device profile (YAML).")
  Path profile;

  @Option(names = "--count", required = true, paramLabel = "N", description = "How many devices.")
  int count;

  @Option(names = "--labels", paramLabel = "K=V", split = ",", description = "Extra labels, k=v,k2=v2.")
  Map<String, String> labels = Map.of();

  @Mixin RuntimeOption target;

  @Override
  public Integer call() throws Exception {
    if (count < 1) {
      throw new IllegalArgumentException("--count: must be >= 1 (got " + count + ")");
    }
    DeviceProfile p = ProfileLoader.load(profile);
    var spec = ProfileProtos.toSpec(p);
    try (RuntimeClient client = new RuntimeClient(target)) {
      String first = null;
      String last = null;
      try (ProgressBar bar =
          count > CHUNK
              ? new ProgressBarBuilder()
                  .setTaskName("spawning")
                  .setInitialMax(count)
                  .setStyle(ProgressBarStyle.ASCII)
                  .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                  .build()
              : null) {
        for (int done = 0; done < count; ) {
          int n = Math.min(CHUNK, count - done);
          SpawnDevicesResponse r =
              client
                  .grpc()
                  .spawnDevices(
                      SpawnDevicesRequest.newBuilder().setSpec(spec).setCount(n).putAllLabels(labels).build())
                  .toCompletableFuture()
                  .get(5, TimeUnit.MINUTES);
          first = first == null ? r.getFirstDeviceId() : first;
          last = r.getLastDeviceId();
          done += n;
          if (bar != null) {
            bar.stepTo(done);
          }
        }
      }
      System.out.println("spawned " + count + " " + p.type() + " devices: " + first + " .. " + last);
    }
    return CliErrors.OK;
  }
}
