package io.iotsim.core.bench;

import io.iotsim.core.generator.FieldGenerators;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.payload.EnvelopeEncoder;
import io.iotsim.core.payload.EnvelopeLayout;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.seed.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-reading hot path of one device: step the shipped temperature_sensor's three generators
 * and encode the envelope, as the device actor does on every tick; and the encoding alone.
 *
 * <p>Every byte allocated here is multiplied by 200,000 readings a second on a node: read the
 * {@code gc.alloc.rate.norm} line of {@code -prof gc}, which should be ~0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadingBenchmark {

  private static final String DEVICE_ID = "temperature_sensor-000001";
  private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final long INTERVAL = 5_000L;

  private EnvelopeLayout layout;
  private FieldGenerators generators;
  private long[] state;
  private Map<String, String> labels;
  private final Reading reading = new Reading();
  private final EnvelopeEncoder encoder = new EnvelopeEncoder();
  private long simTime;

  @Setup
  public void setUp() {
    DeviceProfile profile = ProfileLoader.load(profileFile());
    layout = EnvelopeLayout.of(profile);
    labels = profile.labels();
    long deviceSeed = Seeds.deviceSeed(42L, DEVICE_ID);
    List<FieldSpec> fields = profile.fields();
    generators = new FieldGenerators(fields.stream().map(FieldSpec::generator).toList());
    state = generators.newState();
    for (int i = 0; i < fields.size(); i++) {
      generators.seed(i, Seeds.fieldSeed(deviceSeed, fields.get(i).name()), state);
    }
    simTime = START + Seeds.phaseMillis(deviceSeed, INTERVAL);
    fill();
  }

  /** Three generators and the envelope: one tick of one device. */
  @Benchmark
  public int reading() {
    simTime += INTERVAL;
    fill();
    return encoder.encode(layout, DEVICE_ID, simTime, reading, labels);
  }

  /** The envelope alone, over the same reading every time. */
  @Benchmark
  public int encodeOnly() {
    return encoder.encode(layout, DEVICE_ID, simTime, reading, labels);
  }

  private void fill() {
    generators.next(simTime, state, reading);
  }

  private static Path profileFile() {
    for (String dir : new String[] {"profiles", "../profiles"}) {
      Path p = Path.of(dir, "temperature_sensor.yaml");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "profiles/temperature_sensor.yaml not found from " + Path.of("").toAbsolutePath());
  }
}
