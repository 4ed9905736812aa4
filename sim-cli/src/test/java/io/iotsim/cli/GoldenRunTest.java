package io.iotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Determinism pinned across refactorings: the bytes of fixed runs, as SHA-256s taken before the
 * device was split into a model and an actor. A change that alters what a seed produces fails here;
 * if it is meant to, the new hashes are recorded here with the reason.
 */
class GoldenRunTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "temperature_sensor, f4713120d73a3426d5f3f760fffbede18c2cea27a3bd6abb2342837afddeb696",
    "smart_lock, 561bb1a16e1a5f61482c513382c89bbafc133e25c37b210955930c6a59e98c7b",
    "energy_meter, 1adab9c2f437c79a0b834579e459067479a68d1b29681c21494010906f44104f",
    "vibration_sensor, 2cb80cf2543303f09ca3bc9f037ce45c56d6b77f88b9fad89ec5c234c3e422f2",
  })
  void fiftyDevicesForTwoMinutesGiveTheGoldenBytes(String profile, String sha256) throws Exception {
    Path out = dir.resolve(profile + ".jsonl");
    CliRun r =
        CliRun.of(
            "run",
            "--profile",
            "../profiles/" + profile + ".yaml",
            "--count",
            "50",
            "--duration",
            "120s",
            "--master-seed",
            "42",
            "--speed",
            "max",
            "--quiet",
            "--output",
            "jsonl:" + out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(sha256(out)).isEqualTo(sha256);
  }

  @Test
  void theFirmwareRolloutScenarioGivesTheGoldenBytes() throws Exception {
    Path out = dir.resolve("firmware_rollout.jsonl");
    CliRun r =
        CliRun.of(
            "run",
            "--scenario",
            "../scenarios/firmware_rollout.yaml",
            "--master-seed",
            "42",
            "--speed",
            "max",
            "--quiet",
            "--output",
            "jsonl:" + out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(sha256(out))
        .isEqualTo("4e8ccd4aa24050206ed07277c8d429632e62d03a3de7a0d98fb8b1c8c6b4f22d");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
