package io.iotsim.cluster.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import io.iotsim.core.profile.ProfileLoader;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What counting the devices costs with a large fleet (a walk of the directory, once per tick):
 * 20,000 devices in the suite, more with {@code -Dmetrics.scale=200000}.
 */
class NodeMetricsScaleTest {

  @Test
  void oneSampleOfALargeFleet() throws Exception {
    int devices = Integer.getInteger("metrics.scale", 20_000);
    SimNode node = TestNodes.start(false, Map.of("iot-sim.node.max-devices", devices));
    // sampled by hand below, not by the timer
    NodeMetrics metrics =
        NodeMetrics.start(
            node,
            new MetricsSettings(
                true, Duration.ofHours(1), Duration.ofSeconds(1), false, false, false));
    try {
      String yaml =
          "type: scale_probe\ntelemetry_interval: 60s\ntelemetry_fields:\n  t: {type: gaussian, mean: 1, stddev: 0.1}\n";
      node.fleet()
          .spawn(ProfileLoader.parse(yaml, "test"), devices, Map.of())
          .toCompletableFuture()
          .get(10, TimeUnit.MINUTES);
      long[] nanos = new long[10];
      for (int i = 0; i < nanos.length; i++) {
        long t = System.nanoTime();
        metrics.countDevices();
        nanos[i] = System.nanoTime() - t;
      }
      Arrays.sort(nanos);
      System.out.printf(
          "NodeMetrics: counting %d devices: median %.1f ms, max %.1f ms%n",
          devices, nanos[5] / 1e6, nanos[9] / 1e6);
      assertThat(nanos[5]).isLessThan(TimeUnit.SECONDS.toNanos(1));
    } finally {
      metrics.close();
      node.close();
    }
  }
}
