package io.iotsim.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.iotsim.core.generator.FieldGenerators;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.generator.SawtoothGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A generator added through the registry (one file, one line) is known to the validator and the
 * profile tree like a built-in one: the sawtooth.
 */
class RegisteredGeneratorTest {

  private static DeviceProfile profile(String generator) {
    return ProfileLoader.parse("type: t\ntelemetry_fields:\n  level: " + generator + "\n", "test");
  }

  @Test
  void aProfileNamesItAndItsParameters() {
    DeviceProfile p = profile("{type: sawtooth, min: 10, max: 20, period_s: 60, precision: 1}");
    assertThat(p.fields().get(0).generator()).isEqualTo(new SawtoothGenerator.Spec(10, 20, 60));
    assertThat(p.fields().get(0).precision()).isEqualTo(1);
    FieldGenerators g = new FieldGenerators(List.of(p.fields().get(0).generator()));
    long[] state = g.newState();
    Reading r = new Reading();
    g.next(30_000, state, r);
    assertThat(r.number(0)).isEqualTo(15.0);
    g.next(60_000, state, r);
    assertThat(r.number(0)).isEqualTo(10.0);
  }

  @Test
  void itsMistakesAreReportedAtTheirPaths() {
    ProfileException e =
        catchThrowableOfType(
            () -> profile("{type: sawtooth, min: 5, max: 5, period_s: -1, slope: 2}"),
            ProfileException.class);
    assertThat(e.problems())
        .extracting(Problem::path)
        .contains("telemetry_fields.level.slope", "telemetry_fields.level.period_s");
    ProfileException unknown =
        catchThrowableOfType(() -> profile("{type: sawtoth}"), ProfileException.class);
    assertThat(unknown.getMessage()).contains("sawtooth");
  }

  @Test
  void theProfileTreeWritesItBack() {
    DeviceProfile p = profile("{type: sawtooth, max: 1, period_s: 2.5}");
    assertThat(ProfileLoader.fromTree(ProfileTree.toTree(p))).isEqualTo(p);
  }
}
