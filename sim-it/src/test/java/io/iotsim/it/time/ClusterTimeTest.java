package io.iotsim.it.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.cli.IotSimCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Three node processes share one simulated clock and one set of scenario jobs: their clocks agree,
 * a speed change on one reaches all, a job submitted on node 2 is followed and cancelled from node
 * 3, and a job whose node is killed is FAILED with the reason on the survivors. One cluster for the
 * class; the kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTimeTest {

  private static final Duration GOSSIP = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static NodeJvms cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster =
        NodeJvms.start(
            dir,
            3,
            // a crashed node is downed (keep-majority) a few seconds after it stops answering
            "pekko.cluster.split-brain-resolver.stable-after = 4s\n"
                // a loaded machine may take longer than the default 3 s to bind remoting
                + "pekko.remote.artery.bind.bind-timeout = 30s\n",
            // each node asks for its own master seed: the first node's must win everywhere
            i -> List.of("--output", "null", "--master-seed", Integer.toString(1000 + i)));
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> {
              for (NodeJvms.Node n : cluster.nodes()) {
                assertThat(n.get("/api/v1/clock").path("nodes").asInt()).isEqualTo(3);
              }
            });
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Simulated minus wall time on each node, read as close together as HTTP allows. */
  private static List<Long> offsets(double speed) {
    List<Long> out = new ArrayList<>();
    for (NodeJvms.Node n : cluster.nodes()) {
      JsonNode c = n.get("/api/v1/clock");
      out.add(
          c.path("sim_time_millis").asLong()
              - (long) (c.path("wall_time_millis").asLong() * speed));
    }
    return out;
  }

  private static long spread(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().getAsLong()
        - values.stream().mapToLong(Long::longValue).min().getAsLong();
  }

  @Test
  @Order(1)
  void threeNodesReadTheSameSimulatedTimeAndSeed() {
    // each node reads its wall clock beside its simulated time, so HTTP latency does not count
    for (int sample = 0; sample < 5; sample++) {
      List<Long> offsets = offsets(1.0);
      assertThat(spread(offsets)).as("sim - wall per node: %s", offsets).isLessThanOrEqualTo(50);
    }
    String seed = cluster.node(1).get("/api/v1/status").path("master_seed").asText();
    assertThat(seed).isEqualTo("1001");
    for (NodeJvms.Node n : cluster.nodes()) {
      assertThat(n.get("/api/v1/status").path("master_seed").asText()).isEqualTo(seed);
    }
  }

  @Test
  @Order(2)
  void aSpeedChangeOnOneNodeReachesEveryNode() {
    cluster.node(3).send("PUT", "/api/v1/clock", Map.of("speed", "4"), 200);
    await()
        .atMost(GOSSIP)
        .untilAsserted(
            () -> {
              for (NodeJvms.Node n : cluster.nodes()) {
                assertThat(n.get("/api/v1/clock").path("speed").asText()).isEqualTo("4");
              }
            });
    // 50 ms of wall clock are 200 ms of simulated time at speed 4
    assertThat(spread(offsets(4.0))).isLessThanOrEqualTo(200);
    cluster.node(1).send("PUT", "/api/v1/clock", Map.of("speed", "1"), 200);
    await()
        .atMost(GOSSIP)
        .untilAsserted(
            () -> {
              for (NodeJvms.Node n : cluster.nodes()) {
                assertThat(n.get("/api/v1/clock").path("speed").asText()).isEqualTo("1");
              }
              assertThat(spread(offsets(1.0))).isLessThanOrEqualTo(50);
            });
  }

  private static String longScenario(String name) {
    String profile =
        Path.of("..", "profiles", "smart_lock.yaml").toAbsolutePath().normalize().toString();
    return "name: "
        + name
        + "\nsteps:\n  - spawn: {profile: "
        + profile
        + ", count: 6, labels: {job: "
        + name
        + "}}\n  - wait: 2h\n  - log: never reached before the test ends\n";
  }

  private record Cli(int exitCode, String out, String err) {}

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine c = IotSimCli.commandLine();
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    int code = c.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  @Test
  @Order(3)
  void aScenarioSubmittedOnNode2IsFollowedAndCancelledFromNode3() {
    JsonNode job =
        cluster
            .node(2)
            .send(
                "POST",
                "/api/v1/scenarios",
                NodeJvms.scenario("follow", longScenario("follow")),
                201);
    String id = job.path("scenario_id").asText();
    await()
        .atMost(GOSSIP)
        .untilAsserted(
            () -> {
              Cli status =
                  cli("scenario", "status", id, "--json", "--runtime", cluster.node(3).runtime());
              assertThat(status.exitCode()).as(status.err()).isZero();
              // the CLI writes to the process's stdout: read the state over REST on node 3
              assertThat(cluster.node(3).get("/api/v1/scenarios/" + id).path("state").asText())
                  .isEqualTo("running");
            });
    Cli cancel = cli("scenario", "cancel", id, "--runtime", cluster.node(3).runtime());
    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    // the node that runs it says so at once; the others as soon as the change is replicated
    assertThat(cluster.node(2).get("/api/v1/scenarios/" + id).path("state").asText())
        .isEqualTo("cancelled");
    await()
        .atMost(GOSSIP)
        .untilAsserted(
            () -> {
              for (NodeJvms.Node n : cluster.nodes()) {
                assertThat(n.get("/api/v1/scenarios/" + id).path("state").asText())
                    .isEqualTo("cancelled");
              }
            });
  }

  @Test
  @Order(4)
  void killingTheNodeRunningAJobMarksItFailedWithTheReasonOnTheSurvivors() throws Exception {
    JsonNode job =
        cluster
            .node(3)
            .send(
                "POST",
                "/api/v1/scenarios",
                NodeJvms.scenario("doomed", longScenario("doomed")),
                201);
    String id = job.path("scenario_id").asText();
    await()
        .atMost(GOSSIP)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(cluster.node(1).get("/api/v1/scenarios/" + id).path("state").asText())
                    .isEqualTo("running"));
    String victim = cluster.node(3).address();
    cluster.kill(3);
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (int i = 1; i <= 2; i++) {
                JsonNode s = cluster.node(i).get("/api/v1/scenarios/" + id);
                assertThat(s.path("state").asText()).isEqualTo("failed");
                assertThat(s.path("failure_reason").asText())
                    .contains(victim)
                    .contains("left the cluster");
              }
            });
  }
}
