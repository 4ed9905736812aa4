package io.iotsim.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.cluster.node.SimNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each script in examples/ runs as its own {@code java} process (JEP 330 source launch, as the
 * README documents) against a real node, from the repository root.
 */
class ExamplesTest {

  static SimNode node;

  @BeforeAll
  static void start() {
    node = Nodes.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  record Run(int exit, String output) {}

  static Run run(String example, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    // The test classpath holds the client and its dependencies, as iot-sim-client.jar does.
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("examples/" + example);
    cmd.add("--runtime");
    cmd.add("127.0.0.1:" + node.grpcPort());
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("example", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(new File(".."))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(example + " did not finish: " + Files.readString(log));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(p.exitValue(), out);
  }

  @Test
  void rampUpReportsEachStep() throws Exception {
    Run r = run("RampUp.java", "--target", "40", "--steps", "2", "--hold", "2s");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("step 1/2: 20 devices", "step 2/2: 40 devices", "readings/s");
  }

  @Test
  void firmwareRolloutPassesItsGates() throws Exception {
    Run r = run("FirmwareRollout.java", "--spawn", "10", "--waves", "2", "--watch", "3s");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("wave 2/2", "gate passed", "rollout of 2.0.0 complete");
  }

  @Test
  void aFailingHealthGateRollsBackAndExitsNonZero() throws Exception {
    Run r =
        run(
            "FirmwareRollout.java",
            "--spawn",
            "10",
            "--waves",
            "2",
            "--watch",
            "3s",
            "--bad-firmware");
    assertThat(r.exit()).as(r.output()).isEqualTo(3);
    assertThat(r.output()).contains("wave 1/2", "gate FAILED", "rolled back 1 wave(s)");
    assertThat(r.output()).doesNotContain("wave 2/2");
  }

  @Test
  void chaosInjectsSeededFaults() throws Exception {
    Run r = run("Chaos.java", "--spawn", "8", "--seed", "7", "--rounds", "4", "--every", "0.2s");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("chaos seed 7: 8 devices", "round 4:", "(1 affected)");
  }
}
