package io.iotsim.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.iotsim.cluster.node.NodeConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile, read as Docker reads it (no engine here to build it): a multi-stage build that
 * ends on a JRE as the non-root {@code iotsim} user, exposing the node's ports, with the launcher
 * the README documents as its entrypoint and a health check on management readiness. The launcher
 * and the health check script are run for real, on the jar the build makes and a node process.
 */
class DockerfileTest {

  private static final Config NODE = NodeConfig.load(ConfigFactory.empty());

  /** One instruction: its keyword and its arguments, continuation lines joined. */
  record Instruction(String keyword, String args) {}

  private static List<Instruction> all;
  private static List<Instruction> last;

  @BeforeAll
  static void parse() throws Exception {
    all = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Repo.read("Dockerfile").split("\n")) {
      String t = line.strip();
      if (current.isEmpty() && (t.isEmpty() || t.startsWith("#"))) {
        continue;
      }
      if (t.startsWith("#")) {
        continue;
      }
      if (t.endsWith("\\")) {
        current.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      current.append(t);
      String text = current.toString().strip();
      current.setLength(0);
      int space = text.indexOf(' ');
      all.add(
          new Instruction(
              text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
    }
    int lastFrom = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).keyword().equals("FROM")) {
        lastFrom = i;
      }
    }
    last = all.subList(lastFrom, all.size());
  }

  private static List<Instruction> in(List<Instruction> stage, String keyword) {
    return stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  @Test
  void buildsInStagesAndRunsOnAJre() {
    List<String> from = in(all, "FROM").stream().map(Instruction::args).toList();
    assertThat(from).hasSizeGreaterThanOrEqualTo(3);
    assertThat(from).anySatisfy(f -> assertThat(f).startsWith("node:").endsWith(" AS ui"));
    // builds and runs on the JDK the project is compiled for (25: BENCHMARKS.md "Which JVM")
    assertThat(from)
        .anySatisfy(f -> assertThat(f).matches("maven:\\S*-eclipse-temurin-25 AS build"));
    assertThat(from.get(from.size() - 1)).matches("eclipse-temurin:25-jre\\S*");
    assertThat(in(all, "RUN")).anySatisfy(r -> assertThat(r.args()).contains("npm run build"));
    assertThat(in(all, "RUN"))
        .anySatisfy(r -> assertThat(r.args()).contains("mvn ").contains(" package"));
    assertThat(in(last, "COPY"))
        .anySatisfy(c -> assertThat(c.args()).startsWith("--from=build ").contains("iot-sim.jar"));
  }

  @Test
  void runsAsTheNonRootUserTheKubernetesPodsExpect() throws Exception {
    List<Instruction> users = in(last, "USER");
    assertThat(users).isNotEmpty();
    assertThat(users.get(users.size() - 1).args()).isEqualTo("iotsim");
    String useradd =
        in(last, "RUN").stream()
            .map(Instruction::args)
            .filter(a -> a.contains("useradd"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no useradd in the final stage"));
    assertThat(useradd).contains("--system").endsWith(" iotsim");
    String uid = useradd.replaceAll(".*useradd .*--uid (\\d+).*", "$1");
    // the pods run as that uid (runAsNonRoot needs a numeric user to check)
    Deployment d = KustomizeManifestsTest.render("k8s/overlays/dev").one(Deployment.class);
    assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
        .isEqualTo(Long.parseLong(uid));
    assertThat(Long.parseLong(uid)).isNotZero();
  }

  @Test
  void exposesTheNodesPorts() {
    Set<Integer> exposed = new TreeSet<>();
    for (Instruction e : in(last, "EXPOSE")) {
      Arrays.stream(e.args().split("\\s+")).map(Integer::parseInt).forEach(exposed::add);
    }
    assertThat(exposed)
        .containsExactlyInAnyOrder(
            NODE.getInt("iot-sim.node.grpc.port"),
            NODE.getInt("iot-sim.node.http.port"),
            NODE.getInt("pekko.remote.artery.canonical.port"),
            NODE.getInt("iot-sim.management.port"));
  }

  @Test
  void theEntrypointIsTheDocumentedLauncherAndHeapFollowsTheContainer() throws Exception {
    assertThat(in(last, "ENTRYPOINT"))
        .singleElement()
        .extracting(Instruction::args)
        .isEqualTo("[\"/opt/iot-sim/bin/iot-sim\"]");
    assertThat(in(last, "CMD")).last().extracting(Instruction::args).isEqualTo("[\"node\"]");
    assertThat(in(last, "COPY"))
        .anySatisfy(
            c ->
                assertThat(c.args())
                    .contains("deploy/docker/iot-sim")
                    .contains("deploy/docker/healthcheck")
                    .contains("scripts/jvm-flags.sh")
                    .endsWith(" /opt/iot-sim/bin/"));
    // the heap only: the collector is the entrypoint's (theEntrypointGivesTheLaunchersJvmFlags)
    assertThat(in(last, "ENV"))
        .anySatisfy(
            e ->
                assertThat(e.args())
                    .contains("JAVA_OPTS=\"-XX:MaxRAMPercentage=")
                    .doesNotContainPattern("-XX:\\+Use\\w*GC"));
    assertThat(in(last, "HEALTHCHECK"))
        .singleElement()
        .satisfies(h -> assertThat(h.args()).endsWith("CMD [\"/opt/iot-sim/bin/healthcheck\"]"));
    assertThat(Repo.read("deploy/docker/healthcheck")).contains("GET /ready ");
    // the README's deploy section runs the CLI through this entrypoint
    String readme = Repo.read("README.md");
    assertThat(readme).contains("docker build -t iot-sim:dev .");
    assertThat(readme).containsPattern("docker run [^\\n]*iot-sim:dev scenario run ");
    assertThat(readme).contains("/opt/iot-sim/bin/iot-sim");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void theLauncherRunsTheCliWithOrWithoutItsName() throws Exception {
    Path jar = Repo.path("sim-cli/target/iot-sim.jar");
    assertThat(jar)
        .as("the runnable jar (built by the reactor's package phase before these tests)")
        .exists();
    String launcher = Repo.path("deploy/docker/iot-sim").toString();
    Map<String, String> env = entrypointEnv(jar, "-Xmx128m");
    String plain = run(env, launcher, "--version");
    String named = run(env, launcher, "iot-sim", "--version");
    assertThat(plain).isNotBlank().isEqualTo(named);
    assertThat(run(env, launcher, "scenario", "run", "--help")).contains("--runtime");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void theEntrypointGivesTheLaunchersJvmFlags() throws Exception {
    // a node in a container runs as one started with ./iot-sim does (LauncherFlagsTest there)
    String node = entrypointFlags("-XX:MaxRAMPercentage=75", "iot-sim", "node", "--help");
    assertThat(node)
        .contains(
            "-XX:+UseZGC",
            "-XX:ZTenuringThreshold=0",
            "-XX:+UseCompactObjectHeaders",
            "-XX:ThreadStackSize=512",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:MaxRAMPercentage=75")
        .doesNotContain("AlwaysPreTouch");
    assertThat(entrypointFlags("-Xms64m", "node", "--help")).contains("-XX:+AlwaysPreTouch");
    assertThat(entrypointFlags("", "run", "--speed", "max", "--help")).contains("-XX:+UseG1GC");
    assertThat(entrypointFlags("-XX:+UseSerialGC", "node", "--help"))
        .as("JAVA_OPTS picks another collector")
        .contains("-XX:+UseSerialGC")
        .doesNotContain("ZGC");
  }

  /**
   * The flags line of the entrypoint's JVM: {@code JAVA_OPTS="<opts> -XX:+PrintCommandLineFlags"}.
   */
  private static String entrypointFlags(String opts, String... args) throws Exception {
    Path jar = Repo.path("sim-cli/target/iot-sim.jar");
    assertThat(jar).as("the runnable jar this build packaged").exists();
    List<String> command = new ArrayList<>(List.of(Repo.path("deploy/docker/iot-sim").toString()));
    command.addAll(List.of(args));
    String javaOpts = (opts + " -XX:+PrintCommandLineFlags").strip();
    String out = run(entrypointEnv(jar, javaOpts), command.toArray(String[]::new));
    return out.lines().filter(l -> l.startsWith("-XX:")).findFirst().orElse(out);
  }

  /** The entrypoint's environment: the build's jar, {@code JAVA_OPTS}, and a JDK 25 on PATH. */
  private static Map<String, String> entrypointEnv(Path jar, String javaOpts) {
    // the image's java is a JDK 25 JRE: the one running these tests stands in for it
    String path = Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH");
    return Map.of("IOT_SIM_JAR", jar.toString(), "JAVA_OPTS", javaOpts, "PATH", path);
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void theHealthCheckPassesOnlyOnAReadyNode(@TempDir Path dir) throws Exception {
    String check = Repo.path("deploy/docker/healthcheck").toString();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Map<String, String> env = Map.of("IOT_SIM_MANAGEMENT_PORT", "" + port);
    assertThat(exit(env, check)).as("nothing listens yet").isEqualTo(1);
    try (NodeProcess node =
        NodeProcess.start(
            "single",
            dir,
            Map.of(),
            List.of(
                "--grpc-port",
                "0",
                "--http-port",
                "0",
                "--remote-port",
                "0",
                "--management-port",
                "" + port,
                "--output",
                "null"))) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                assertThat(node.alive()).as(node.output()).isTrue();
                assertThat(exit(env, check)).isZero();
              });
      assertThat(NodeProcess.status("http://127.0.0.1:" + port + "/alive")).isEqualTo(200);
      assertThat(NodeProcess.get("http://127.0.0.1:" + port + "/cluster/members"))
          .contains("\"status\":\"Up\"");
    }
  }

  private static String run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static int exit(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
