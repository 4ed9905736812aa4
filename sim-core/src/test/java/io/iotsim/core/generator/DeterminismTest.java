package io.iotsim.core.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeterminismTest {

  static Stream<GeneratorSpec> everyType() {
    return Stream.of(
        new GeneratorSpec.Gaussian(22, 1),
        new GeneratorSpec.Static("1.2.0"),
        new GeneratorSpec.Brownian(55, 0, 0.5, 0.1, 55, 20, 95),
        new GeneratorSpec.Diurnal(22, 5, 14, 0.3),
        new GeneratorSpec.Markov(
            List.of("open", "closed"), new double[][] {{0.8, 0.2}, {0.1, 0.9}}, 1),
        new GeneratorSpec.Composite(
            List.of(new GeneratorSpec.Diurnal(500, 200, 13, 0), new GeneratorSpec.Gaussian(0, 10))),
        new GeneratorSpec.Counter(0, 0.01, 0.005));
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void sameSeedGivesTheSameSequence(GeneratorSpec spec) {
    assertThat(run(spec, 42)).isEqualTo(run(spec, 42));
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void differentSeedsGiveDifferentSequencesWhenRandom(GeneratorSpec spec) {
    if (!(spec instanceof GeneratorSpec.Static)) {
      assertThat(run(spec, 42)).isNotEqualTo(run(spec, 43));
    }
  }

  private static List<String> run(GeneratorSpec spec, long seed) {
    Samples.Field f = new Samples.Field(spec, seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Reading r = f.next(1_767_225_600_000L + i * 5_000L);
      out.add(r.kind(0) == Reading.Kind.NUMBER ? Double.toString(r.number(0)) : r.text(0));
    }
    return out;
  }
}
