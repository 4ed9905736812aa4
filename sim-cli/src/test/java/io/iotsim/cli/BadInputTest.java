package io.iotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a user gets a profile or a flag wrong exits 2 with a message naming the field. */
class BadInputTest {

  @TempDir Path dir;

  private static final String GOOD =
      """
      type: t
      protocol: console
      telemetry_interval: 5s
      telemetry_fields:
        temp:
          type: gaussian
          mean: 20
          stddev: 1
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown generator | type: gaussian | type: gausian | telemetry_fields.temp.type",
        "negative stddev | stddev: 1 | stddev: -1 | telemetry_fields.temp.stddev",
        "missing parameter | mean: 20 | '' | telemetry_fields.temp.mean",
        "bad duration | telemetry_interval: 5s | telemetry_interval: 5 parsecs | telemetry_interval",
        "unknown protocol | protocol: console | protocol: mqqt | protocol",
        "yaml syntax | 'type: t' | 'type: [t' | yaml line",
      })
  void aWrongProfileExitsTwoNamingTheField(String name, String from, String to, String field)
      throws Exception {
    Path profile = dir.resolve("bad.yaml");
    Files.writeString(profile, GOOD.replace(from, to));
    CliRun r =
        CliRun.of(
            "run",
            "--profile",
            profile.toString(),
            "--count",
            "1",
            "--duration",
            "5s",
            "--speed",
            "max");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(field);
  }

  @Test
  void aMarkovRowNotSummingToOneExitsTwo() throws Exception {
    Path profile = dir.resolve("markov.yaml");
    Files.writeString(
        profile,
        """
        type: lock
        telemetry_fields:
          state:
            type: markov
            states: [locked, unlocked]
            transition_matrix: [[0.9, 0.1], [0.5, 0.4]]
        """);
    CliRun r =
        CliRun.of(
            "run",
            "--profile",
            profile.toString(),
            "--count",
            "1",
            "--duration",
            "5s",
            "--speed",
            "max");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("telemetry_fields.state.transition_matrix[1]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"http", "coap"})
  void verifyingAProtocolWithoutABrokerExitsTwoNamingIt(String protocol) throws Exception {
    Path profile = dir.resolve(protocol + ".yaml");
    Files.writeString(profile, GOOD.replace("protocol: console", "protocol: " + protocol));
    CliRun r =
        CliRun.of(
            "run",
            "--profile",
            profile.toString(),
            "--count",
            "1",
            "--duration",
            "5s",
            "--output",
            "protocol",
            "--verify");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("--verify")
        .contains("the protocol is " + protocol)
        .contains("mqtt and amqp only");
  }

  @Test
  void badFlagsExitTwo() {
    assertThat(
            CliRun.of("run", "--count", "0", "--profile", "../profiles/temperature_sensor.yaml")
                .exitCode())
        .isEqualTo(2);
    CliRun duration =
        CliRun.of("run", "--duration", "soon", "--profile", "../profiles/temperature_sensor.yaml");
    assertThat(duration.exitCode()).isEqualTo(2);
    assertThat(duration.err()).contains("--duration");
    CliRun output =
        CliRun.of("run", "--output", "kafka", "--profile", "../profiles/temperature_sensor.yaml");
    assertThat(output.exitCode()).isEqualTo(2);
    assertThat(output.err()).contains("output");
    assertThat(CliRun.of("run", "--profile", "nope.yaml").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("stop").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("stop", "--selector", "zone in (a", "--runtime", "127.0.0.1:1").exitCode())
        .isEqualTo(2);
    assertThat(CliRun.of("status", "--runtime", "nohostport").exitCode()).isEqualTo(2);
  }

  @Test
  void aNodeThatIsNotThereIsAFailureNotBadInput() {
    CliRun r = CliRun.of("status", "--runtime", "127.0.0.1:1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
  }

  @Test
  void aSeedThatIsNotHostAndPortExitsTwoNamingIt() {
    CliRun r = CliRun.of("node", "--seed-nodes", "127.0.0.1:25520,nohost");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("seed-nodes").contains("'nohost'");
  }
}
