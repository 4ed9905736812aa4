package io.iotsim.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsim.client.IotSimClient;
import io.iotsim.client.Selectors;
import io.iotsim.it.NodeProcesses;
import io.iotsim.proto.simulator.v1.ClusterMember;
import io.iotsim.proto.simulator.v1.DeviceSummary;
import io.iotsim.proto.simulator.v1.GetClusterStatusResponse;
import io.iotsim.proto.simulator.v1.GetFleetStatusResponse;
import io.iotsim.proto.simulator.v1.ListDevicesRequest;
import io.iotsim.proto.simulator.v1.ListDevicesResponse;
import io.iotsim.proto.simulator.v1.NodeFleetStatus;
import io.iotsim.proto.simulator.v1.StreamTelemetryRequest;
import io.iotsim.proto.simulator.v1.StreamTelemetryResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three node processes form one cluster; 3,000 devices spawned through node 1 spread over all three
 * and every node answers for all of them: status, paging, get, stop by selector, streams, cluster
 * status, the dashboard's device table and fault board. Then node 2 is killed (SIGKILL): answers
 * name it, and streams opened on node 1 go on. One cluster for the class; the tests run in order
 * and the last ones kill node 2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FleetAcrossNodesTest {

  private static final String PROFILE =
      """
      type: fleet_probe
      protocol: console
      telemetry_interval: 1s
      telemetry_fields:
        temperature: {type: gaussian, mean: 20, stddev: 1}
      """;

  private static NodeProcesses cluster;
  private static IotSimClient node1;
  private static IotSimClient node2;
  private static IotSimClient node3;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster =
        NodeProcesses.builder()
            .nodes(3)
            .args("--output", "null")
            // a silent node is named after 3 s rather than the default 5 s
            .env("IOT_SIM_FLEET_AGENT_TIMEOUT", "3s")
            .start();
    node1 = cluster.node(1).client();
    node2 = cluster.node(2).client();
    node3 = cluster.node(3).client();
    await("three members up, seen from node 1")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () ->
                node1.blocking().clusterStatus().getMembersList().stream()
                        .filter(m -> m.getStatus().equals("up") && m.getReachable())
                        .count()
                    == 3);
    node1
        .spawnYaml(PROFILE, 2000, Map.of("group", "a"))
        .toCompletableFuture()
        .get(2, TimeUnit.MINUTES);
    node1
        .spawnYaml(PROFILE, 1000, Map.of("group", "b"))
        .toCompletableFuture()
        .get(2, TimeUnit.MINUTES);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void statusThroughNode3CountsEveryDeviceWithEachNodesShare() {
    GetFleetStatusResponse s = node3.blocking().fleetStatus();
    assertThat(s.getTotalDevices()).as(cluster.tails()).isEqualTo(3000);
    assertThat(s.getMissingNodesList()).isEmpty();
    assertThat(s.getByNodeList())
        .extracting(NodeFleetStatus::getNode)
        .containsExactlyInAnyOrder(name(1), name(2), name(3));
    assertThat(s.getByNodeList()).allSatisfy(n -> assertThat(n.getTotal()).isPositive());
    assertThat(s.getByNodeList().stream().mapToLong(NodeFleetStatus::getTotal).sum())
        .isEqualTo(3000);
  }

  @Test
  @Order(2)
  void pagingThroughNode3ReturnsEachIdOnceInOrder() {
    List<String> ids = new ArrayList<>();
    Set<String> nodes = new HashSet<>();
    String cursor = "";
    int pages = 0;
    do {
      ListDevicesResponse page =
          node3
              .blocking()
              .listDevices(
                  ListDevicesRequest.newBuilder()
                      .setSelector(Selectors.all())
                      .setLimit(250)
                      .setCursor(cursor)
                      .build());
      assertThat(page.getMissingNodesList()).isEmpty();
      for (DeviceSummary d : page.getDevicesList()) {
        ids.add(d.getDeviceId());
        nodes.add(d.getNode());
      }
      cursor = page.getNextCursor();
      assertThat(++pages).isLessThanOrEqualTo(13);
    } while (!cursor.isEmpty());
    assertThat(ids).hasSize(3000).doesNotHaveDuplicates().isSorted();
    assertThat(nodes).hasSize(3);
  }

  @Test
  @Order(3)
  void anyDeviceCanBeReadThroughAnyNode() {
    Map<String, String> oneByNode = oneDevicePerNode();
    for (String id : oneByNode.values()) {
      assertThat(node1.blocking().device(id).getDeviceId()).isEqualTo(id);
      assertThat(node2.blocking().device(id).getDeviceId()).isEqualTo(id);
    }
  }

  /**
   * The dashboard's table through node 1 holds every node's devices: exact totals, and pages cut
   * after the merge in the requested order, so walking them gives each id once in order, a deep
   * page in descending order is exact, and sorting by state puts devices paused on three different
   * nodes together.
   */
  @Test
  @Order(4)
  void theDeviceTableThroughNode1PagesEveryNodesDevicesExactly() throws Exception {
    Map<String, String> nodeOf = nodeOfEveryDevice();
    List<String> all = new ArrayList<>(new java.util.TreeSet<>(nodeOf.keySet()));
    assertThat(all).hasSize(3000);

    List<String> walked = new ArrayList<>();
    for (int offset = 0; offset < 3000; offset += 250) {
      JsonNode page = http(1, "/api/v1/devices/table?limit=250&offset=" + offset);
      assertThat(page.path("total").asLong()).isEqualTo(3000);
      assertThat(page.path("offset").asInt()).isEqualTo(offset);
      assertThat(page.path("missing_nodes").toString()).isEqualTo("[]");
      for (JsonNode row : page.path("devices")) {
        String id = row.path("device_id").asText();
        walked.add(id);
        // the table names a node by its full address, as GET /api/v1/status does
        assertThat(row.path("node").asText()).as(id).endsWith("@" + nodeOf.get(id));
      }
    }
    assertThat(walked).isEqualTo(all);

    JsonNode deep = http(1, "/api/v1/devices/table?order=desc&offset=1234&limit=50");
    List<String> reversed = new ArrayList<>(all);
    java.util.Collections.reverse(reversed);
    assertThat(ids(deep)).isEqualTo(reversed.subList(1234, 1284));

    // one device paused on each node, through node 2
    List<String> paused = new ArrayList<>(oneDevicePerNode().values());
    java.util.Collections.sort(paused);
    assertThat(
            node2
                .pause(Selectors.ids(paused))
                .toCompletableFuture()
                .get(1, TimeUnit.MINUTES)
                .getPaused())
        .isEqualTo(3);
    try {
      await("the paused devices sort first by state")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                List<String> running = new ArrayList<>(all);
                running.removeAll(paused);
                JsonNode byState = http(1, "/api/v1/devices/table?sort=state&limit=5");
                assertThat(ids(byState))
                    .containsExactly(
                        paused.get(0),
                        paused.get(1),
                        paused.get(2),
                        running.get(0),
                        running.get(1));
                assertThat(byState.path("devices").get(0).path("state").asText())
                    .isEqualTo("paused");
                // descending: running first; the last page ends with the paused ones, id desc
                JsonNode last =
                    http(1, "/api/v1/devices/table?sort=state&order=desc&offset=2996&limit=10");
                assertThat(ids(last))
                    .containsExactly(running.get(0), paused.get(2), paused.get(1), paused.get(0));
                JsonNode onlyPaused = http(1, "/api/v1/devices/table?state=paused");
                assertThat(onlyPaused.path("total").asLong()).isEqualTo(3);
                assertThat(ids(onlyPaused)).isEqualTo(paused);
              });
    } finally {
      node2.resume(Selectors.ids(paused)).toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
  }

  /** A fault injected through node 2 into devices on every node is one group through node 1. */
  @Test
  @Order(5)
  void activeFaultsInjectedThroughNode2AreListedThroughNode1() throws Exception {
    JsonNode injected =
        post(
            2,
            "/api/v1/faults",
            "{\"selector\":\"group=a\",\"fault_type\":\"clock_drift\",\"duration\":\"1h\","
                + "\"params\":{\"drift_rate_ms_per_sec\":1}}");
    assertThat(injected.path("affected_devices").asInt()).as(injected.toString()).isEqualTo(2000);
    JsonNode active =
        await("the fault board of node 1 counts the devices of all three nodes")
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> http(1, "/api/v1/faults/active"),
                a ->
                    a.path("faults").size() == 1
                        && a.path("faults").get(0).path("devices").asInt() == 2000);
    JsonNode fault = active.path("faults").get(0);
    assertThat(fault.path("fault_type").asText()).isEqualTo("clock_drift");
    assertThat(fault.path("device_types").toString()).isEqualTo("[\"fleet_probe\"]");
    assertThat(fault.path("params").path("drift_rate_ms_per_sec").asText()).isEqualTo("1");
    assertThat(fault.path("remaining_seconds").asDouble()).isBetween(3000.0, 3600.0);
    assertThat(active.path("missing_nodes").toString()).isEqualTo("[]");
    assertThat(active.path("lost_events").asLong()).isZero();
  }

  @Test
  @Order(6)
  void stopBySelectorThroughNode2ReportsTheExactCount() throws Exception {
    var stopped =
        node2.stop(Selectors.labels("group=b")).toCompletableFuture().get(2, TimeUnit.MINUTES);
    assertThat(stopped.getStopped()).isEqualTo(1000);
    assertThat(stopped.getMissingNodesList()).isEmpty();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(node1.blocking().fleetStatus().getTotalDevices()).isEqualTo(2000));
  }

  @Test
  @Order(7)
  void clusterStatusJsonFromTheCli() throws Exception {
    Process cli =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.iotsim.cli.IotSimCli",
                "cluster",
                "status",
                "--json",
                "--runtime",
                cluster.node(3).runtime())
            .redirectErrorStream(false)
            .start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).as(out).isZero();
    JsonNode json = new ObjectMapper().readTree(out);
    assertThat(json.get("self").asText()).isEqualTo(name(3));
    assertThat(json.get("devices_total").asLong()).isEqualTo(2000);
    assertThat(json.get("members")).hasSize(3);
    long shards = 0;
    for (JsonNode m : json.get("members")) {
      assertThat(m.get("status").asText()).isEqualTo("up");
      assertThat(m.get("reachable").asBoolean()).isTrue();
      assertThat(m.get("devices").asLong()).isPositive();
      shards += m.get("shards").asLong();
    }
    assertThat(shards).isPositive();
  }

  @Test
  @Order(8)
  void theClientMovesToTheNextRuntimeWhenTheFirstIsDown() throws Exception {
    int nobody = freePort();
    try (IotSimClient client =
        IotSimClient.connect("127.0.0.1:" + nobody + "," + cluster.node(1).runtime())) {
      assertThat(client.blocking().fleetStatus().getTotalDevices()).isEqualTo(2000);
    }
  }

  /**
   * gRPC and SSE streams opened on node 1 carry readings of devices on all three nodes, and go on
   * after node 2 is killed; then status through node 3 names node 2 as missing.
   */
  @Test
  @Order(9)
  void streamsOnNode1FanInFromEveryNodeAndSurviveAKilledNode() throws Exception {
    Map<String, String> nodeOf = nodeOfEveryDevice();
    Map<String, AtomicLong> grpcByNode = new ConcurrentHashMap<>();
    Map<String, AtomicLong> sseByNode = new ConcurrentHashMap<>();
    UniqueKillSwitch grpc =
        node1
            .telemetry(StreamTelemetryRequest.newBuilder().setSelector(Selectors.all()).build())
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(
                Sink.foreach(
                    (StreamTelemetryResponse b) ->
                        b.getPointsList()
                            .forEach(
                                p ->
                                    grpcByNode
                                        .computeIfAbsent(
                                            nodeOf.getOrDefault(p.getDeviceId(), "?"),
                                            k -> new AtomicLong())
                                        .incrementAndGet())),
                Keep.left())
            .run(node1.system());
    AtomicReference<Throwable> sseFailure = new AtomicReference<>();
    HttpURLConnection sse =
        (HttpURLConnection)
            URI.create(cluster.node(1).httpBase() + "/api/v1/devices/stream")
                .toURL()
                .openConnection();
    sse.setReadTimeout(60_000);
    Thread sseReader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(sse.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  int at = line.indexOf("\"device_id\":\"");
                  while (at >= 0) {
                    int start = at + 13;
                    String id = line.substring(start, line.indexOf('"', start));
                    sseByNode
                        .computeIfAbsent(nodeOf.getOrDefault(id, "?"), k -> new AtomicLong())
                        .incrementAndGet();
                    at = line.indexOf("\"device_id\":\"", start);
                  }
                }
              } catch (Exception e) {
                sseFailure.set(e);
              }
            },
            "sse-reader");
    sseReader.setDaemon(true);
    sseReader.start();
    try {
      Set<String> all = Set.of(name(1), name(2), name(3));
      await("readings from all three nodes on both streams")
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(grpcByNode.keySet()).containsAll(all);
                assertThat(sseByNode.keySet()).containsAll(all);
              });

      cluster.node(2).kill();
      // asked at once, while node 2 is still a member: it cannot answer and must be named
      var table = httpAsync(1, "/api/v1/devices/table?limit=10");
      var faults = httpAsync(1, "/api/v1/faults/active");
      long grpc1 = count(grpcByNode, name(1));
      long grpc3 = count(grpcByNode, name(3));
      long sse1 = count(sseByNode, name(1));
      long sse3 = count(sseByNode, name(3));

      GetFleetStatusResponse partial = node3.blocking().fleetStatus();
      assertThat(partial.getMissingNodesList()).containsExactly(name(2));
      assertThat(partial.getByNodeList())
          .extracting(NodeFleetStatus::getNode)
          .doesNotContain(name(2));
      long onLiveNodes =
          nodeOf.values().stream().filter(n -> n.equals(name(1)) || n.equals(name(3))).count();
      JsonNode partialTable = table.get(30, TimeUnit.SECONDS);
      assertThat(partialTable.path("missing_nodes").toString()).isEqualTo("[\"" + name(2) + "\"]");
      assertThat(partialTable.path("total").asLong()).isEqualTo(onLiveNodes);
      assertThat(partialTable.path("devices")).hasSize(10);
      JsonNode partialFaults = faults.get(30, TimeUnit.SECONDS);
      assertThat(partialFaults.path("missing_nodes").toString()).isEqualTo("[\"" + name(2) + "\"]");
      assertThat(partialFaults.path("faults").get(0).path("devices").asLong())
          .isEqualTo(onLiveNodes);

      await("both streams go on after node 2 died")
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(count(grpcByNode, name(1))).isGreaterThan(grpc1 + 100);
                assertThat(count(grpcByNode, name(3))).isGreaterThan(grpc3 + 100);
                assertThat(count(sseByNode, name(1))).isGreaterThan(sse1 + 100);
                assertThat(count(sseByNode, name(3))).isGreaterThan(sse3 + 100);
              });
      assertThat(sseFailure.get()).isNull();
    } finally {
      grpc.shutdown();
      sse.disconnect();
    }
  }

  @Test
  @Order(10)
  void clusterStatusShowsTheKilledNodeUnreachable() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              GetClusterStatusResponse s = node1.blocking().clusterStatus();
              ClusterMember dead =
                  s.getMembersList().stream()
                      .filter(m -> m.getNode().equals(name(2)))
                      .findFirst()
                      .orElseThrow();
              assertThat(dead.getReachable()).isFalse();
              assertThat(dead.getDevices()).isEqualTo(-1);
              assertThat(s.getMissingNodesList()).contains(name(2));
            });
  }

  private static final java.net.http.HttpClient HTTP =
      java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** GET on node {@code i}'s REST API, answered 200 with JSON. */
  private static JsonNode http(int i, String path) throws Exception {
    return httpAsync(i, path).get(60, TimeUnit.SECONDS);
  }

  private static java.util.concurrent.CompletableFuture<JsonNode> httpAsync(int i, String path) {
    java.net.http.HttpRequest get =
        java.net.http.HttpRequest.newBuilder(URI.create(cluster.node(i).httpBase() + path))
            .timeout(Duration.ofSeconds(60))
            .build();
    return HTTP.sendAsync(get, java.net.http.HttpResponse.BodyHandlers.ofString())
        .thenApply(FleetAcrossNodesTest::json);
  }

  private static JsonNode post(int i, String path, String body) throws Exception {
    java.net.http.HttpRequest post =
        java.net.http.HttpRequest.newBuilder(URI.create(cluster.node(i).httpBase() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build();
    return json(HTTP.send(post, java.net.http.HttpResponse.BodyHandlers.ofString()));
  }

  private static JsonNode json(java.net.http.HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(200);
    try {
      return new ObjectMapper().readTree(r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> ids(JsonNode table) {
    List<String> out = new ArrayList<>();
    table.path("devices").forEach(d -> out.add(d.path("device_id").asText()));
    return out;
  }

  /** How answers name node {@code i}: host:port of its cluster address. */
  private static String name(int i) {
    String address = cluster.node(i).address();
    return address.substring(address.indexOf('@') + 1);
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static long count(Map<String, AtomicLong> byNode, String node) {
    AtomicLong n = byNode.get(node);
    return n == null ? 0 : n.get();
  }

  private static Map<String, String> nodeOfEveryDevice() {
    Map<String, String> nodeOf = new HashMap<>();
    String cursor = "";
    do {
      ListDevicesResponse page =
          node1
              .blocking()
              .listDevices(
                  ListDevicesRequest.newBuilder()
                      .setSelector(Selectors.all())
                      .setLimit(1000)
                      .setCursor(cursor)
                      .build());
      page.getDevicesList().forEach(d -> nodeOf.put(d.getDeviceId(), d.getNode()));
      cursor = page.getNextCursor();
    } while (!cursor.isEmpty());
    return nodeOf;
  }

  private static Map<String, String> oneDevicePerNode() {
    Map<String, String> one = new HashMap<>();
    nodeOfEveryDevice().forEach((id, node) -> one.putIfAbsent(node, id));
    assertThat(one).hasSize(3);
    return one;
  }
}
