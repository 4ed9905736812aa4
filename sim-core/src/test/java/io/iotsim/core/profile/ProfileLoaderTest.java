package io.iotsim.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.iotsim.core.generator.GeneratorSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {

  private static final String MINIMAL =
      "type: t\ntelemetry_fields:\n  v:\n    type: gaussian\n    mean: 1\n    stddev: 2\n";

  @Test
  void appliesTheDefaults() {
    DeviceProfile p = ProfileLoader.parse(MINIMAL, "test");
    assertThat(p.protocol()).isEqualTo("console");
    assertThat(p.topicTemplate()).isEqualTo("devices/{device_id}/telemetry");
    assertThat(p.telemetryInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.qos()).isEqualTo(1);
    assertThat(p.backpressure()).isEqualTo(Backpressure.SLOW_DOWN);
    assertThat(p.connection()).isEqualTo(ConnectionMode.POOLED);
    assertThat(p.labels()).isEmpty();
    assertThat(p.protocolOptions()).isEmpty();
    assertThat(p.fields()).containsExactly(new FieldSpec("v", new GeneratorSpec.Gaussian(1, 2), 3));
  }

  @Test
  void readsEveryKeyAndGenerator() {
    DeviceProfile p =
        ProfileLoader.parse(
            String.join(
                "\n",
                "type: pump-2",
                "protocol: coap",
                "topic_template: sites/{label.site}/{device_type}/{device_id}",
                "telemetry_interval: 1m30s",
                "qos: 2",
                "backpressure: drop_oldest",
                "connection: per_device",
                "protocol_options: {path: /telemetry, port: 5683, confirmable: true, ratio: 0.5,"
                    + " hosts: [a, b]}",
                "labels: {site: s1, version: 2, beta: true}",
                "telemetry_fields:",
                "  model: {type: static, value: P-100}",
                "  ok: {type: static, value: true}",
                "  rated_kw: {type: static, value: 7, precision: 0}",
                "  flow: {type: brownian, start: 5, volatility: 0.1, min: 0, max: 10}",
                "  temp: {type: diurnal, baseline: 20, amplitude: 3, peak_hour: 14.5, stddev: 0.2}",
                "  mode: {type: markov, states: [a, b], transition_matrix: [[0.5, 0.5], [0, 1]],"
                    + " initial_state: b}",
                "  load: {type: composite, parts: [{type: gaussian, mean: 1, stddev: 0}, {type:"
                    + " counter, rate_per_second: 1}]}",
                "  runtime_s: {type: counter, start: 10, rate_per_second: 1, jitter_stddev: 0.1}",
                ""),
            "test");
    assertThat(p.type()).isEqualTo("pump-2");
    assertThat(p.protocol()).isEqualTo("coap");
    assertThat(p.telemetryInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(p.qos()).isEqualTo(2);
    assertThat(p.backpressure()).isEqualTo(Backpressure.DROP_OLDEST);
    assertThat(p.connection()).isEqualTo(ConnectionMode.PER_DEVICE);
    assertThat(p.protocolOptions())
        .containsExactly(
            Map.entry("path", "/telemetry"),
            Map.entry("port", 5683L),
            Map.entry("confirmable", true),
            Map.entry("ratio", 0.5),
            Map.entry("hosts", List.of("a", "b")));
    assertThat(p.labels())
        .containsExactly(
            Map.entry("site", "s1"), Map.entry("version", "2"), Map.entry("beta", "true"));
    assertThat(p.fields())
        .extracting(FieldSpec::generator)
        .containsExactly(
            new GeneratorSpec.Static("P-100"),
            new GeneratorSpec.Static(true),
            new GeneratorSpec.Static(7.0),
            new GeneratorSpec.Brownian(5, 0, 0.1, 0, 5, 0, 10),
            new GeneratorSpec.Diurnal(20, 3, 14.5, 0.2),
            new GeneratorSpec.Markov(List.of("a", "b"), new double[][] {{0.5, 0.5}, {0, 1}}, 1),
            new GeneratorSpec.Composite(
                List.of(new GeneratorSpec.Gaussian(1, 0), new GeneratorSpec.Counter(0, 1, 0))),
            new GeneratorSpec.Counter(10, 1, 0.1));
    assertThat(p.fields().get(2).precision()).isZero();

    // and the tree form (across nodes) keeps all of it
    assertThat(ProfileLoader.fromTree(ProfileTree.toTree(p))).isEqualTo(p);
  }

  @Test
  void unknownGeneratorType() {
    assertProblems(
        "type: t\ntelemetry_fields:\n  temp: {type: gausian, mean: 1, stddev: 1}\n",
        "telemetry_fields.temp.type: unknown generator 'gausian' (expected one of gaussian, static,"
            + " brownian, diurnal, markov, composite, counter, sawtooth)");
  }

  @Test
  void markovRowNotSummingToOne() {
    assertProblems(
        "type: t\ntelemetry_fields:\n  state:\n    type: markov\n    states: [a, b]\n"
            + "    transition_matrix: [[0.5, 0.5], [0.5, 0.4]]\n",
        "telemetry_fields.state.transition_matrix[1]: row must sum to 1 (got 0.9)");
  }

  @Test
  void markovShapeStatesAndInitialState() {
    assertProblems(
        "type: t\ntelemetry_fields:\n  state:\n    type: markov\n    states: [a, b, a]\n"
            + "    transition_matrix: [[1, 0], [0, 1, 0], [-0.5, 1.5, 0]]\n    initial_state: c\n",
        "telemetry_fields.state.states[2]: duplicate state 'a'",
        "telemetry_fields.state.transition_matrix[0]: must have 3 entries, one per state (got 2)",
        "telemetry_fields.state.transition_matrix[2][0]: must be a probability in [0, 1] (got"
            + " -0.5)",
        "telemetry_fields.state.transition_matrix[2][1]: must be a probability in [0, 1] (got"
            + " 1.5)");
    assertProblems(
        "type: t\n"
            + "telemetry_fields:\n"
            + "  s: {type: markov, states: [a, b], transition_matrix: [[1, 0]], initial_state:"
            + " c}\n",
        "telemetry_fields.s.transition_matrix: must have 2 rows, one per state (got 1)",
        "telemetry_fields.s.initial_state: unknown state 'c' (expected one of a, b)");
  }

  @Test
  void missingParameter() {
    assertProblems(
        "type: t\ntelemetry_fields:\n  t: {type: gaussian, stddev: 1}\n",
        "telemetry_fields.t.mean: required for gaussian");
  }

  @Test
  void negativeStddev() {
    assertProblems(
        "type: t\ntelemetry_fields:\n  humidity: {type: gaussian, mean: 50, stddev: -1}\n",
        "telemetry_fields.humidity.stddev: must be >= 0 (got -1.0)");
  }

  @Test
  void badDuration() {
    assertProblems(
        "type: t\ntelemetry_interval: 5 parsecs\n"
            + MINIMAL.substring(MINIMAL.indexOf("telemetry_fields")),
        "telemetry_interval: must be a duration like 500ms, 5s, 1m or 1h (got '5 parsecs')");
    assertProblems(
        "type: t\ntelemetry_interval: 5ms\n"
            + MINIMAL.substring(MINIMAL.indexOf("telemetry_fields")),
        "telemetry_interval: must be at least 10ms (got 5ms)");
  }

  @Test
  void unknownProtocol() {
    assertProblems(
        "protocol: mqqt\n" + MINIMAL,
        "protocol: unknown protocol 'mqqt' (expected one of mqtt, amqp, http, coap, console)");
  }

  @Test
  void unknownKeys() {
    assertProblems(
        "type: t\ntelemetry_fields:\n  t: {type: gaussian, mean: 1, stdev: 1, stddev: 1}\n",
        "telemetry_fields.t.stdev: unknown parameter for gaussian");
    assertProblems(
        "interval: 5s\n" + MINIMAL,
        "interval: unknown key (expected one of type, protocol, topic_template, telemetry_interval,"
            + " telemetry_fields, labels, qos, backpressure, connection, protocol_options)");
  }

  @Test
  void badPlaceholder() {
    assertProblems(
        "topic_template: devices/{devid}/{label.}/{device_type\n" + MINIMAL,
        "topic_template: unknown placeholder '{devid}' (expected {device_id}, {device_type} or"
            + " {label.NAME})",
        "topic_template: unknown placeholder '{label.}' (expected {device_id}, {device_type} or"
            + " {label.NAME})",
        "topic_template: unclosed '{' at column 26");
  }

  @Test
  void yamlSyntaxErrorNamesItsLine() {
    ProfileException e =
        catchThrowableOfType(
            () ->
                ProfileLoader.parse(
                    "type: t\ntelemetry_fields:\n  t: {type: gaussian, mean: 1\n", "x.yaml"),
            ProfileException.class);
    assertThat(e.problems()).hasSize(1);
    assertThat(e.source()).contains("x.yaml");
    assertThat(e.problems().get(0))
        .hasToString(
            "(yaml line 4, column 1): expected ',' or '}', but got <stream end> (while parsing a"
                + " flow mapping)");
    assertProblems(
        "type: t\n  bad: indent\n", "(yaml line 2, column 6): mapping values are not allowed here");
  }

  @Test
  void duplicateYamlKeyIsASyntaxError() {
    ProfileException e =
        catchThrowableOfType(
            () -> ProfileLoader.parse(MINIMAL + "  v:\n    type: static\n    value: 1\n", "x.yaml"),
            ProfileException.class);
    assertThat(e.problems().get(0).path()).startsWith("(yaml line 7,");
    assertThat(e.problems().get(0).message()).contains("Duplicate field 'v'");
  }

  @Test
  void reportsEveryMistakeAtOnce() {
    ProfileException e =
        catchThrowableOfType(
            () ->
                ProfileLoader.parse(
                    String.join(
                        "\n",
                        "type: Bad Type",
                        "protocol: mqqt",
                        "telemetry_interval: soon",
                        "qos: 3",
                        "backpressure: wait",
                        "connection: shared",
                        "labels: {ok: fine, 'bad key': x, nested: {a: 1}}",
                        "telemetry_fields:",
                        "  a: {type: gaussian, mean: x, stddev: -2, precision: 12}",
                        "  b: {type: brownian, start: 200, volatility: 1, min: 0, max: 100}",
                        "  c: {type: diurnal, baseline: 1, amplitude: 1, peak_hour: 24}",
                        "  d: {type: composite, parts: [{type: markov, states: [x],"
                            + " transition_matrix: [[1]]}, {type: gaussian, mean: 0, stddev: 1,"
                            + " precision: 2}]}",
                        "  e: {type: static}",
                        "  f: {type: counter, rate_per_second: -1}",
                        "  g: 5",
                        "  h: {mean: 1}",
                        ""),
                    "x.yaml"),
            ProfileException.class);
    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "type: must be lower-case letters, digits, '_' or '-' (got 'Bad Type')",
            "protocol: unknown protocol 'mqqt' (expected one of mqtt, amqp, http, coap, console)",
            "telemetry_interval: must be a duration like 500ms, 5s, 1m or 1h (got 'soon')",
            "telemetry_fields.a.mean: must be a number (got 'x')",
            "telemetry_fields.a.stddev: must be >= 0 (got -2.0)",
            "telemetry_fields.a.precision: must be a number of decimal places from 0 to 9 (got 12)",
            "telemetry_fields.b.start: must be within [min, max] (got 200 outside [0, 100])",
            "telemetry_fields.c.peak_hour: must be an hour from 0 to 23, fractions allowed (got"
                + " 24)",
            "telemetry_fields.d.parts[0].type: must be a numeric generator (markov here yields"
                + " text)",
            "telemetry_fields.d.parts[1].precision: unknown parameter for gaussian",
            "telemetry_fields.e.value: required for static",
            "telemetry_fields.f.rate_per_second: must be >= 0 (got -1.0)",
            "telemetry_fields.g: must be a mapping with a 'type' and its parameters (got 5)",
            "telemetry_fields.h.type: required (one of gaussian, static, brownian, diurnal, markov,"
                + " composite, counter, sawtooth)",
            "labels.bad key: not a label key (got 'bad key'; [prefix/]name, name 1-63 of A-Z a-z 0-9"
                + " . _ - beginning and ending alphanumeric, prefix a lower-case DNS subdomain)",
            "labels.nested: must be a string (got {\"a\":1})",
            "qos: must be 0, 1 or 2 (got 3)",
            "backpressure: unknown backpressure 'wait' (expected one of slow_down, drop_oldest)",
            "connection: unknown connection 'shared' (expected one of pooled, per_device)");
    assertThat(e.getMessage())
        .isEqualTo(String.join("\n", e.problems().stream().map(Problem::toString).toList()));
  }

  @Test
  void requiresTypeAndFields() {
    assertProblems(
        "protocol: mqtt\n",
        "type: required (the device type, e.g. temperature_sensor)",
        "telemetry_fields: required: at least one field");
    assertProblems(
        "type: t\ntelemetry_fields: {}\n", "telemetry_fields: at least one field is required");
    assertProblems("", "(root): the profile is empty");
    assertProblems("- a\n- b\n", "(root): must be a mapping of profile keys (got [\"a\",\"b\"])");
  }

  @Test
  void connectionIsNotAProtocolOption() {
    assertProblems(
        "protocol_options: {connection: per_device}\n" + MINIMAL,
        "protocol_options.connection: reserved: set the connection mode with the top-level"
            + " 'connection' key");
  }

  @Test
  void anUnreadableFileIsAProfileException(@TempDir Path dir) {
    Path missing = dir.resolve("missing.yaml");
    ProfileException e =
        catchThrowableOfType(() -> ProfileLoader.load(missing), ProfileException.class);
    assertThat(e.problems().get(0).path()).isEqualTo(missing.toString());
    assertThat(e.problems().get(0).message())
        .startsWith("cannot read the profile (NoSuchFileException");
  }

  @Test
  void isAnIllegalArgumentException() {
    assertThatThrownBy(() -> ProfileLoader.parse("type: t\n", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("telemetry_fields: required: at least one field");
  }

  private static void assertProblems(String yaml, String... expected) {
    ProfileException e =
        catchThrowableOfType(() -> ProfileLoader.parse(yaml, "test.yaml"), ProfileException.class);
    assertThat(e).as("no ProfileException for:\n%s", yaml).isNotNull();
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(expected);
  }
}
