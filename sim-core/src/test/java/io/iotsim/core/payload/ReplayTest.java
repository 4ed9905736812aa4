package io.iotsim.core.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.device.ModelHarness;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Payload bytes are a pure function of (profile, device id, master seed, k): the whole chain from
 * seeds through generators to the envelope, run by the device model itself.
 */
class ReplayTest {

  private static final long MASTER_SEED = 42;
  private static final long START = io.iotsim.core.device.FakeNode.START;

  @Test
  void sameInputsGiveByteIdenticalPayloads() throws Exception {
    for (Path file : shippedProfiles()) {
      DeviceProfile p = ProfileLoader.load(file);
      String id = p.type() + "-000007";
      assertThat(digest(run(p, id, MASTER_SEED, 2_000)))
          .as(file.toString())
          .isEqualTo(digest(run(p, id, MASTER_SEED, 2_000)))
          .isNotEqualTo(digest(run(p, p.type() + "-000008", MASTER_SEED, 2_000)))
          .isNotEqualTo(digest(run(p, id, MASTER_SEED + 1, 2_000)));
    }
  }

  @Test
  void theFirstTemperatureReadingsArePinned() {
    // Pinned on purpose: a change here changes every recorded run's replay. Change it only
    // together with a deliberate change of a generator, the PRNG, the seed chain or the envelope.
    DeviceProfile p = ProfileLoader.load(profilesDir().resolve("temperature_sensor.yaml"));
    List<String> payloads = run(p, "temperature_sensor-000001", MASTER_SEED, 3);
    assertThat(payloads.get(0))
        .startsWith(
            "{\"device_id\":\"temperature_sensor-000001\",\"device_type\":\"temperature_sensor\","
                + "\"timestamp\":\"2026-01-01T00:00:0")
        .contains("\"humidity\":55,\"battery\":100}")
        .endsWith(",\"labels\":{\"category\":\"environmental\",\"firmware\":\"1.2.0\"}}");
    assertThat(payloads).containsExactly(PINNED.toArray(String[]::new));
  }

  @Test
  void aWholeReadingAllocatesNothingOnceWarm() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    DeviceProfile p = ProfileLoader.load(profilesDir().resolve("temperature_sensor.yaml"));
    ModelHarness device = new ModelHarness(p, "temperature_sensor-000001", MASTER_SEED);
    device.node.countOnly();
    long interval = p.telemetryInterval().toMillis();
    long tid = Thread.currentThread().getId();
    long perReading = -1;
    for (int round = 1; round <= 5; round++) {
      long before = threads.getThreadAllocatedBytes(tid);
      device.advanceTo(START + round * 100_000L * interval);
      perReading = (threads.getThreadAllocatedBytes(tid) - before) / 100_000;
    }
    assertThat(device.node.published()).isEqualTo(500_000);
    // The profile's one diurnal field calls StrictMath.sin once per reading; from JDK 21 on that
    // is FdLibm in Java, which allocates a scratch array per call (0 B on JDK 17's native one).
    assertThat(perReading)
        .as("bytes allocated per reading, warm")
        .isLessThanOrEqualTo(strictSinAllocation(threads, tid));
  }

  /** What one StrictMath.sin call allocates on this JVM, warm (the readings' own code: nothing). */
  private static long strictSinAllocation(com.sun.management.ThreadMXBean threads, long tid) {
    double sink = 0;
    long perCall = 0;
    for (int round = 0; round < 5; round++) {
      long before = threads.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 100_000; i++) {
        sink += StrictMath.sin(i * 0.001 + 1);
      }
      perCall = (threads.getThreadAllocatedBytes(tid) - before) / 100_000;
    }
    assertThat(sink).isNotNaN();
    return perCall;
  }

  private static final List<String> PINNED =
      List.of(
          "{\"device_id\":\"temperature_sensor-000001\",\"device_type\":\"temperature_sensor\",\"timestamp\":\"2026-01-01T00:00:00.521Z\",\"fields\":{\"temperature\":17.608,\"humidity\":55,\"battery\":100},\"labels\":{\"category\":\"environmental\",\"firmware\":\"1.2.0\"}}",
          "{\"device_id\":\"temperature_sensor-000001\",\"device_type\":\"temperature_sensor\",\"timestamp\":\"2026-01-01T00:00:05.521Z\",\"fields\":{\"temperature\":17.865,\"humidity\":54.301,\"battery\":99.995},\"labels\":{\"category\":\"environmental\",\"firmware\":\"1.2.0\"}}",
          "{\"device_id\":\"temperature_sensor-000001\",\"device_type\":\"temperature_sensor\",\"timestamp\":\"2026-01-01T00:00:10.521Z\",\"fields\":{\"temperature\":18,\"humidity\":54.463,\"battery\":99.99},\"labels\":{\"category\":\"environmental\",\"firmware\":\"1.2.0\"}}");

  /** The first {@code n} payloads of one device, emitted by the device model itself. */
  private static List<String> run(DeviceProfile p, String id, long masterSeed, int n) {
    ModelHarness device = new ModelHarness(p, id, masterSeed);
    device.advanceTo(START + (n + 1) * p.telemetryInterval().toMillis());
    return List.copyOf(device.node.payloads().subList(0, n));
  }

  private static String digest(List<String> payloads) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    payloads.forEach(s -> sha.update(s.getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(sha.digest());
  }

  private static Path profilesDir() {
    return Files.isDirectory(Path.of("..", "profiles"))
        ? Path.of("..", "profiles")
        : Path.of("profiles");
  }

  private static List<Path> shippedProfiles() throws Exception {
    try (var files = Files.list(profilesDir())) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
