package io.iotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.node.TestNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario jobs, faults and live control against a real node over gRPC, through the CLI. */
class ScenarioCliTest {

  static SimNode node;
  static String runtime;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    node =
        TestNodes.start(
            true, Map.of("iot-sim.node.speed", "max", "iot-sim.node.max-devices", 5000));
    runtime = "127.0.0.1:" + node.grpcPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void scenarioRunFollowsAJobToSuccessAndListsIt() throws Exception {
    Path f = dir.resolve("small.yaml");
    Files.writeString(
        f,
        """
        name: small
        steps:
          - spawn: {profile: ../profiles/smart_lock.yaml, count: 20, labels: {wave: a}}
          - wait: 1m
          - fault: {selector: wave=a, type: latency_spike, duration: 30s, params: {latency_ms: 5}}
          - update: {selector: wave=a, telemetry_interval: 30s, set_labels: {firmware: "9.9"}}
          - pause: wave=a
          - expect: by_type.smart_lock.paused == 20
          - resume: wave=a
          - wait: 2m
          - expect: by_type.smart_lock.running >= 20
          - stop: wave=a
        """);
    CliRun r = CliRun.of("scenario", "run", f.toString(), "--runtime", runtime);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(CliRun.of("scenario", "list", "--runtime", runtime).exitCode()).isZero();
    assertThat(CliRun.of("scenario", "status", "small-1", "--runtime", runtime).exitCode())
        .isZero();
  }

  @Test
  void badScenarioIsRefusedWithLineBeforeAnyCall() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(
        f,
        "steps:\n  - rollout: {selector: all, batch_size: 0, action: {fault: {type: disconnect, duration: 1m}}}\n");
    CliRun r = CliRun.of("scenario", "run", f.toString(), "--runtime", runtime);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "line 2: steps[0].rollout.batch_size: must be a whole number from 1 to 10000000 (got '0')");
  }

  @Test
  void unknownScenarioIsBadInput() {
    CliRun r = CliRun.of("scenario", "status", "nope-9", "--runtime", runtime);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no scenario 'nope-9'");
  }

  @Test
  void faultInjectRefusesABadParameterWithItsName() {
    CliRun r =
        CliRun.of(
            "fault",
            "inject",
            "--type",
            "data_corruption",
            "--selector",
            "all",
            "--duration",
            "1m",
            "--param",
            "corruption_rate=2",
            "--runtime",
            runtime);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("corruption_rate: must be from 0.0 to 1.0 (got 2)");
  }

  @Test
  void faultInjectRefusesAnUnknownType() {
    CliRun r =
        CliRun.of(
            "fault",
            "inject",
            "--type",
            "meltdown",
            "--all",
            "--duration",
            "1m",
            "--runtime",
            runtime);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--type: unknown fault type 'meltdown'");
  }

  @Test
  void faultInjectAndUpdateReachRunningDevices() throws Exception {
    assertThat(
            CliRun.of(
                    "scenario",
                    "run",
                    write(
                            "spawn.yaml",
                            "steps:\n  - spawn: {profile: ../profiles/temperature_sensor.yaml, count: 5, labels: {grp: live}}\n")
                        .toString(),
                    "--runtime",
                    runtime)
                .exitCode())
        .isZero();
    CliRun fault =
        CliRun.of(
            "fault",
            "inject",
            "--type",
            "clock_drift",
            "--selector",
            "grp=live",
            "--duration",
            "10m",
            "--param",
            "drift_rate_ms_per_sec=5",
            "--runtime",
            runtime);
    assertThat(fault.exitCode()).as(fault.err()).isZero();
    CliRun update =
        CliRun.of(
            "update",
            "--selector",
            "grp=live",
            "--interval",
            "30s",
            "--field",
            "temperature={type: gaussian, mean: 30, stddev: 1}",
            "--runtime",
            runtime);
    assertThat(update.exitCode()).as(update.err()).isZero();
    CliRun bad =
        CliRun.of(
            "update",
            "--selector",
            "grp=live",
            "--field",
            "temperature={type: gaussian, mean: 30, stddev: -1}",
            "--runtime",
            runtime);
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("telemetry_fields.temperature.stddev");
    assertThat(CliRun.of("pause", "--selector", "grp=live", "--runtime", runtime).exitCode())
        .isZero();
    assertThat(CliRun.of("resume", "--selector", "grp=live", "--runtime", runtime).exitCode())
        .isZero();
  }

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }
}
