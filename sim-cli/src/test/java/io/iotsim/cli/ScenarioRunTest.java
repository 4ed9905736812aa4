package io.iotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.device.DeviceIds;
import io.iotsim.core.seed.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iot-sim run --scenario}: a scenario replays byte for byte at any speed, its steps land at
 * exact simulated times (a disconnect is exactly the missing readings of its batch in its window),
 * and every shipped scenario runs to success.
 */
class ScenarioRunTest {

  static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final Pattern KEY =
      Pattern.compile("\"device_id\":\"([^\"]+)\".*?\"timestamp\":\"([^\"]+)\"");

  @TempDir Path dir;

  private Path run(String scenario, String name, String speed) {
    Path out = dir.resolve(name);
    CliRun r =
        CliRun.of(
            "run",
            "--scenario",
            "../scenarios/" + scenario,
            "--master-seed",
            "7",
            "--speed",
            speed,
            "--quiet",
            "--output",
            "jsonl:" + out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return out;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void rampUpReplaysByteForByteAtMaxSpeedAndAt600x() throws Exception {
    String a = sha256(run("ramp_up.yaml", "a.jsonl", "max"));
    String b = sha256(run("ramp_up.yaml", "b.jsonl", "max"));
    String c = sha256(run("ramp_up.yaml", "c.jsonl", "600"));
    assertThat(b).isEqualTo(a);
    assertThat(c).isEqualTo(a);
  }

  @Test
  void rampUpDisconnectRemovesExactlyBatchZerosReadingsInItsWindow() throws Exception {
    Path out = run("ramp_up.yaml", "ramp.jsonl", "max");
    Set<String> actual = new HashSet<>();
    for (String line : Files.readAllLines(out)) {
      Matcher m = KEY.matcher(line);
      assertThat(m.find()).isTrue();
      assertThat(actual.add(m.group(1) + "@" + Instant.parse(m.group(2)).toEpochMilli())).isTrue();
    }
    // 10 waves of 100, wave b spawned at b*3 s; disconnect of wave 0 in [330 s, 390 s); end 450 s
    Set<String> expected = new HashSet<>();
    long end = START + 450_000;
    for (int n = 1; n <= 1000; n++) {
      String id = DeviceIds.format("temperature_sensor", n);
      int batch = (n - 1) / 100;
      long t = START + batch * 3_000L + Seeds.phaseMillis(Seeds.deviceSeed(7, id), 5_000);
      for (; t < end; t += 5_000) {
        boolean cut = batch == 0 && t >= START + 330_000 && t < START + 390_000;
        if (!cut) {
          expected.add(id + "@" + t);
        }
      }
    }
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void firmwareRolloutSucceeds() {
    run("firmware_rollout.yaml", "fw.jsonl", "max");
  }

  @Test
  void outageStormSucceeds() {
    run("outage_storm.yaml", "storm.jsonl", "max");
  }

  @Test
  void diurnalDaySucceeds() {
    CliRun r =
        CliRun.of(
            "run",
            "--scenario",
            "../scenarios/diurnal_day.yaml",
            "--speed",
            "max",
            "--quiet",
            "--output",
            "null");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void malformedScenarioExitsTwoWithLineAndReason() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        name: bad
        steps:
          - spawn: {profile: temperature_sensor, count: 10}
          - wait: soon
          - fault: {selector: "batch=", type: disconnect, duration: 1m}
        """);
    CliRun r = CliRun.of("run", "--scenario", bad.toString(), "--speed", "max", "--output", "null");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            bad
                + " line 4: steps[1].wait: must be a duration like 30s, 5m, 1h or 1h30m (got 'soon')")
        .contains(bad + " line 5: steps[2].fault.selector:");
  }

  @Test
  void failedExpectationExitsOneWithTheReason() throws Exception {
    Path f = dir.resolve("expect.yaml");
    Files.writeString(
        f,
        """
        steps:
          - spawn: {profile: ../profiles/smart_lock.yaml, count: 5}
          - wait: 10s
          - expect: by_type.smart_lock.running == 6
        """);
    CliRun r = CliRun.of("run", "--scenario", f.toString(), "--speed", "max", "--output", "null");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "line 4: expect 'by_type.smart_lock.running == 6' failed: by_type.smart_lock.running is 5");
  }
}
