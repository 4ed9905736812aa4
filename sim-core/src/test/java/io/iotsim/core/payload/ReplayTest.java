package io.iotsim.core.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.generator.FieldGenerator;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.seed.Seeds;
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
 * seeds through generators to the envelope, as a device runs it.
 */
class ReplayTest {

  private static final long MASTER_SEED = 42;
  private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

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
    Device device = new Device(p, "temperature_sensor-000001", MASTER_SEED);
    long tid = Thread.currentThread().getId();
    long bytes = 0;
    long perReading = -1;
    for (int round = 0; round < 5; round++) {
      long before = threads.getThreadAllocatedBytes(tid);
      for (int k = 0; k < 100_000; k++) {
        bytes += device.tick(round * 100_000L + k);
      }
      perReading = (threads.getThreadAllocatedBytes(tid) - before) / 100_000;
    }
    assertThat(bytes).isPositive();
    assertThat(perReading).as("bytes allocated per reading, warm").isZero();
  }

  private static final List<String> PINNED =
      List.of(
          "{\"device_id\":\"temperature_sensor-000001\",\"device_type\":\"temperature_sensor\",\"timestamp\":\"2026-01-01T00:00:00.521Z\",\"fields\":{\"temperature\":17.608,\"humidity\":55,\"battery\":100},\"labels\":{\"category\":\"environmental\",\"firmware\":\"1.2.0\"}}",
          "{\"device_id\":\"temperature_sensor-000001\",\"device_type\":\"temperature_sensor\",\"timestamp\":\"2026-01-01T00:00:05.521Z\",\"fields\":{\"temperature\":17.865,\"humidity\":54.301,\"battery\":99.995},\"labels\":{\"category\":\"environmental\",\"firmware\":\"1.2.0\"}}",
          "{\"device_id\":\"temperature_sensor-000001\",\"device_type\":\"temperature_sensor\",\"timestamp\":\"2026-01-01T00:00:10.521Z\",\"fields\":{\"temperature\":18,\"humidity\":54.463,\"battery\":99.99},\"labels\":{\"category\":\"environmental\",\"firmware\":\"1.2.0\"}}");

  /** One device as the actor runs it: its generators, a scratch reading, an encoder. */
  private static final class Device {
    final DeviceProfile profile;
    final EnvelopeLayout layout;
    final String id;
    final FieldGenerator[] generators;
    final long phase;
    final Reading reading = new Reading();
    final EnvelopeEncoder encoder = new EnvelopeEncoder();

    Device(DeviceProfile profile, String id, long masterSeed) {
      this.profile = profile;
      this.layout = EnvelopeLayout.of(profile);
      this.id = id;
      long deviceSeed = Seeds.deviceSeed(masterSeed, id);
      generators = new FieldGenerator[profile.fields().size()];
      for (int i = 0; i < generators.length; i++) {
        var field = profile.fields().get(i);
        generators[i] = field.generator().newGenerator(Seeds.fieldSeed(deviceSeed, field.name()));
      }
      phase = Seeds.phaseMillis(deviceSeed, profile.telemetryInterval().toMillis());
    }

    /** Reading k; returns its length in bytes. */
    int tick(long k) {
      long t = START + phase + k * profile.telemetryInterval().toMillis();
      reading.reset(generators.length);
      for (int i = 0; i < generators.length; i++) {
        generators[i].next(t, reading, i);
      }
      return encoder.encode(layout, id, t, reading, profile.labels());
    }

    String payload(long k) {
      int n = tick(k);
      return new String(encoder.buffer(), 0, n, StandardCharsets.UTF_8);
    }
  }

  private static List<String> run(DeviceProfile p, String id, long masterSeed, int n) {
    Device d = new Device(p, id, masterSeed);
    List<String> out = new java.util.ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(d.payload(k));
    }
    return out;
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
