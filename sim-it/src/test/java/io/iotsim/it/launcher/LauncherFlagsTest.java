package io.iotsim.it.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM flags the launcher ({@code ./iot-sim}) picks, read back from the JVM it starts ({@code
 * -XX:+PrintCommandLineFlags}) on the jar this build packaged.
 */
class LauncherFlagsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path JAR = ROOT.resolve("sim-cli/target/iot-sim.jar");

  @Test
  void aNodesSizedHeapIsTouchedAtStart() throws Exception {
    assertThat(flags("-Xms64m", "bench", "--help")).contains("-XX:+AlwaysPreTouch");
    assertThat(flags("-Xms64m", "run", "--help")).contains("-XX:+AlwaysPreTouch");
    assertThat(flags("-Xms64m", "node", "--help")).contains("-XX:+AlwaysPreTouch");
  }

  @Test
  void noPreTouchWithoutASizedHeapOrForACommandThatOnlyTalksToANode() throws Exception {
    assertThat(flags("", "bench", "--help")).doesNotContain("AlwaysPreTouch");
    assertThat(flags("-Xms64m", "status", "--help")).doesNotContain("AlwaysPreTouch");
  }

  @Test
  void theDefaultCollectorIsZgcAndAFastForwardTakesG1() throws Exception {
    assertThat(flags("", "bench", "--help")).contains("-XX:+UseZGC");
    assertThat(flags("", "run", "--speed", "max", "--help")).contains("-XX:+UseG1GC");
  }

  /** The flags line of {@code JAVA_OPTS="<opts> -XX:+PrintCommandLineFlags" ./iot-sim <args>}. */
  private static String flags(String opts, String... args)
      throws IOException, InterruptedException {
    assertThat(JAR).as("the jar this build packaged").exists();
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("iot-sim").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("IOT_SIM_JAR", JAR.toString());
    pb.environment().put("IOT_SIM_CDS", "off");
    pb.environment().put("JAVA_OPTS", (opts + " -XX:+PrintCommandLineFlags").strip());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Path out = Files.createTempFile("launcher", ".out");
    try {
      Process p = pb.redirectOutput(out.toFile()).start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
      String text = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(text).isZero();
      return text.lines().filter(l -> l.startsWith("-XX:")).findFirst().orElse(text);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
