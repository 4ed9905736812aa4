package io.iotsim.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.iotsim.core.seed.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeCounterStaticTest {

  @Test
  void compositeIsTheSumOfItsPartsWithDerivedSeeds() {
    GeneratorSpec diurnal = new GeneratorSpec.Diurnal(1000, 400, 13, 5);
    GeneratorSpec noise = new GeneratorSpec.Gaussian(0, 20);
    GeneratorSpec composite = new GeneratorSpec.Composite(List.of(diurnal, noise));
    long seed = 77;
    double[] sum = Samples.numbers(composite, seed, 0, 60_000, 1_000);
    double[] a = Samples.numbers(diurnal, Seeds.fieldSeed(seed, "#0"), 0, 60_000, 1_000);
    double[] b = Samples.numbers(noise, Seeds.fieldSeed(seed, "#1"), 0, 60_000, 1_000);
    for (int i = 0; i < sum.length; i++) {
      assertThat(sum[i]).isEqualTo(a[i] + b[i]);
    }
    assertThat(GeneratorSpec.Composite.partSeed(seed, 1)).isEqualTo(Seeds.fieldSeed(seed, "#1"));
  }

  @Test
  void compositeRejectsATextPart() {
    GeneratorSpec text = new GeneratorSpec.Static("x");
    assertThatThrownBy(() -> new GeneratorSpec.Composite(List.of(text)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numeric");
  }

  @Test
  void counterNeverDecreasesAndGrowsAtItsRate() {
    double rate = 0.002; // kWh per second: a 7.2 kW load
    int n = 50_000;
    double[] xs = Samples.numbers(new GeneratorSpec.Counter(1000, rate, 0.01), 5, 0, 5_000, n);
    assertThat(xs[0]).isEqualTo(1000.0);
    for (int i = 1; i < n; i++) {
      assertThat(xs[i]).isGreaterThanOrEqualTo(xs[i - 1]);
    }
    // jitter (sd 0.01*sqrt(5) per step) is large next to rate*dt = 0.01 but clamped at 0, which
    // only adds: the total is at least the rate's and within a few per cent of it
    double perStep = (xs[n - 1] - xs[0]) / (n - 1);
    assertThat(perStep).isGreaterThanOrEqualTo(rate * 5 * 0.99).isLessThan(rate * 5 * 2);
  }

  @Test
  void counterWithoutJitterIsExact() {
    double[] xs = Samples.numbers(new GeneratorSpec.Counter(0, 0.5, 0), 5, 0, 2_000, 4);
    assertThat(xs).containsExactly(new double[] {0, 1, 2, 3}, within(1e-12));
  }

  private static Reading next(GeneratorSpec... specs) {
    FieldGenerators g = new FieldGenerators(List.of(specs));
    Reading r = new Reading(specs.length);
    g.next(0, g.newState(), r);
    return r;
  }

  @Test
  void staticReturnsItsValueAndKind() {
    Reading r =
        next(
            new GeneratorSpec.Static(100),
            new GeneratorSpec.Static("1.2.0"),
            new GeneratorSpec.Static(true));
    assertThat(r.kind(0)).isEqualTo(Reading.Kind.NUMBER);
    assertThat(r.number(0)).isEqualTo(100.0);
    assertThat(r.kind(1)).isEqualTo(Reading.Kind.TEXT);
    assertThat(r.text(1)).isEqualTo("1.2.0");
    assertThat(r.kind(2)).isEqualTo(Reading.Kind.FLAG);
    assertThat(r.flag(2)).isTrue();
    assertThat(new GeneratorSpec.Static(100).value()).isEqualTo(100.0);
    assertThat(new GeneratorSpec.Static(100).numeric()).isTrue();
    assertThat(new GeneratorSpec.Static("x").numeric()).isFalse();
  }
}
